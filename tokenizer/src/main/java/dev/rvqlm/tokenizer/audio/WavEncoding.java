package dev.rvqlm.tokenizer.audio;

/** How {@link WavCodec} stores samples: 16-bit PCM (clipped to [-1, 1)) or 32-bit IEEE float (kept as is). */
public enum WavEncoding {
    PCM16,
    FLOAT32
}
