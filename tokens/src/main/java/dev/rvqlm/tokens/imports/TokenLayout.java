package dev.rvqlm.tokens.imports;

import dev.rvqlm.tokens.IntArray;
import dev.rvqlm.tokens.TokenFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which axis of an imported array is which: B batch items, K codebooks, T frames. A token file is one [K, T] array;
 * a batch becomes one token file per item. PyTorch codecs hand out [B, K, T] (EnCodec's and DAC's {@code codes},
 * Mimi's {@code audio_codes}); AudioCraft's own caches and some scripts keep [T, K] or [B, T, K].
 */
public enum TokenLayout {
    KT(false, false),
    TK(false, true),
    BKT(true, false),
    BTK(true, true);

    private final boolean batched;
    private final boolean framesFirst;

    TokenLayout(boolean batched, boolean framesFirst) {
        this.batched = batched;
        this.framesFirst = framesFirst;
    }

    /** The rank of arrays in this layout: 2 or 3. */
    public int rank() {
        return batched ? 3 : 2;
    }

    public boolean batched() {
        return batched;
    }

    /** KT for 2-D arrays, BKT for 3-D ones (what PyTorch codecs return). */
    public static TokenLayout byRank(IntArray array, String source) {
        return switch (array.rank()) {
            case 2 -> KT;
            case 3 -> BKT;
            default ->
                throw new TokenFileException(
                        source,
                        "has shape " + array.shapeText() + ": token arrays are 2-D [K, T] or 3-D [B, K, T] (--layout "
                                + "TK or BTK for frames first)");
        };
    }

    /** Parses a layout name as the command line gives it (case-insensitive). */
    public static TokenLayout parse(String text) {
        for (TokenLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(text.strip())) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + text + "': one of KT, TK, BKT, BTK");
    }

    /** The array's items as [K][T] codes: one for a 2-D layout, B for a batched one. */
    public List<int[][]> items(IntArray array, String source) {
        if (array.rank() != rank()) {
            throw new TokenFileException(
                    source,
                    "has shape " + array.shapeText() + " but layout " + this + " is for " + rank()
                            + "-D arrays (KT and TK are 2-D, BKT and BTK 3-D)");
        }
        int b = batched ? array.dim(0) : 1;
        int first = array.dim(batched ? 1 : 0);
        int second = array.dim(batched ? 2 : 1);
        int k = framesFirst ? second : first;
        int t = framesFirst ? first : second;
        int[] v = array.values();
        List<int[][]> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int base = i * k * t;
            int[][] codes = new int[k][t];
            for (int q = 0; q < k; q++) {
                for (int f = 0; f < t; f++) {
                    codes[q][f] = v[base + (framesFirst ? f * k + q : q * t + f)];
                }
            }
            out.add(codes);
        }
        return out;
    }
}
