package dev.rvqlm.tokenizer.shaping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one MDCT frame (M coefficients) becomes the vector the quantizer sees, and back. Part of the codec's shape
 * (stored in the codec file). Three kinds, each a composition of small stages that are tested on their own:
 * <ul>
 *   <li>{@link Plain}: the coefficients scaled by 1/√M; plain L2 VQ on them (the baseline: it spends its bits on
 *       the loud low bands and leaves the quiet highs muffled).</li>
 *   <li>{@link PowerLaw}: {@code sign(x)|x/√M|^exponent} per coefficient ({@link PowerLawCompander}), which lifts
 *       quiet coefficients so that L2 error there counts more.</li>
 *   <li>{@link GainShape}: per band, a log2 RMS envelope value (scaled by {@code envelopeWeight}) plus the band's
 *       unit-norm, power-law companded shape ({@link BandEnvelope}); the decoder restores each band's energy
 *       exactly from its envelope and, with {@link NoiseFill#MATCH_ENERGY}, fills the shape energy the codebooks
 *       could not reproduce with seeded noise ({@link NoiseFiller}; off by default: it raised the log-mel
 *       distance). Vector length = bands + M.</li>
 * </ul>
 */
public sealed interface Shaping permits Shaping.Plain, Shaping.PowerLaw, Shaping.GainShape {

    /** Length D of the quantizer's vectors for an MDCT of {@code hop} coefficients. */
    int vectorSize(int hop);

    /** A short spec string, e.g. {@code gain-shape:bands=60,exponent=0.5,weight=1.0,noise=off}. */
    String spec();

    /**
     * The default: gain-shape with 60 mel-spaced bands, exponent 0.5, envelope weight 1, no noise filling. Chosen by
     * measurement on the dev corpus (K=16, N=1024, 100 iterations; log-mel distance / SI-SNR at 6 and 12 kbit/s):
     * weight 2 with 20 bands 0.236 / 0.207, 40 bands 0.204 / 0.180, 60 bands 0.196 / 0.175 (SI-SNR -28 / -11 dB),
     * 80 bands 0.195 / 0.174 (SI-SNR -34 / -20 dB); 60 bands with weight 1: 0.197 / 0.167 (SI-SNR -10 / -1.7 dB).
     * Noise filling raised the distance (20 bands: 0.255 / 0.232); plain L2 VQ gave 0.595 and power-law 0.411 at
     * 6 kbit/s (but SI-SNR 8.8 and 6.6 dB).
     */
    static Shaping defaults() {
        return new GainShape(60, 0.5, 1.0, NoiseFill.OFF);
    }

    /** Parses {@link #spec()} strings: {@code plain}, {@code power:exponent=0.5}, {@code gain-shape:...}. */
    static Shaping parse(String spec) {
        String s = spec.trim();
        String kind = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        Map<String, String> kv = new HashMap<>();
        if (s.contains(":")) {
            for (String part : s.substring(s.indexOf(':') + 1).split(",")) {
                String[] p = part.split("=", 2);
                if (p.length != 2) {
                    throw new IllegalArgumentException(
                            "shaping spec '" + spec + "': expected key=value, got '" + part + "'");
                }
                kv.put(p[0].trim(), p[1].trim());
            }
        }
        List<String> known = switch (kind) {
            case "plain" -> List.of();
            case "power" -> List.of("exponent");
            case "gain-shape" -> List.of("bands", "exponent", "weight", "noise");
            default ->
                throw new IllegalArgumentException("unknown shaping '" + kind + "' (one of: plain, power, gain-shape)");
        };
        for (String key : kv.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("shaping spec '" + spec + "': unknown key '" + key + "' for " + kind
                        + (known.isEmpty() ? " (it takes no keys)" : " (keys: " + String.join(", ", known) + ")"));
            }
        }
        try {
            return switch (kind) {
                case "plain" -> new Plain();
                case "power" -> new PowerLaw(Double.parseDouble(kv.getOrDefault("exponent", "0.5")));
                case "gain-shape" ->
                    new GainShape(
                            Integer.parseInt(kv.getOrDefault("bands", "60")),
                            Double.parseDouble(kv.getOrDefault("exponent", "0.5")),
                            Double.parseDouble(kv.getOrDefault("weight", "1")),
                            NoiseFill.parse(kv.getOrDefault("noise", "off")));
                default ->
                    throw new IllegalArgumentException(
                            "unknown shaping '" + kind + "' (one of: plain, power, gain-shape)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shaping spec '" + spec + "': " + e.getMessage());
        }
    }

    /** Raw MDCT coefficients scaled by 1/√M. */
    record Plain() implements Shaping {
        @Override
        public int vectorSize(int hop) {
            return hop;
        }

        @Override
        public String spec() {
            return "plain";
        }
    }

    /** @param exponent power-law exponent in (0, 1]; 1 is {@link Plain}, MP3/AAC use 0.75, 0.5 is a square root */
    record PowerLaw(double exponent) implements Shaping {
        public PowerLaw {
            PowerLawCompander.check(exponent);
        }

        @Override
        public int vectorSize(int hop) {
            return hop;
        }

        @Override
        public String spec() {
            return "power:exponent=" + exponent;
        }
    }

    /**
     * @param bands          number of mel-spaced bands (each at least 2 MDCT bins), 1..M/2
     * @param exponent       power-law exponent applied to each band's unit-norm shape, in (0, 1]
     * @param envelopeWeight scale of the log2 band RMS values relative to the unit-norm shapes, in (0, 100];
     *                       larger spends more of the quantizer's L2 budget on band energies
     * @param noiseFill      what the decoder does with shape energy the codebooks did not reproduce
     */
    record GainShape(int bands, double exponent, double envelopeWeight, NoiseFill noiseFill) implements Shaping {
        public GainShape {
            if (bands < 1) {
                throw new IllegalArgumentException("gain-shape bands must be >= 1, got " + bands);
            }
            PowerLawCompander.check(exponent);
            if (!(envelopeWeight > 0 && envelopeWeight <= 100)) {
                throw new IllegalArgumentException(
                        "gain-shape envelope weight must be in (0, 100], got " + envelopeWeight);
            }
            if (noiseFill == null) {
                throw new IllegalArgumentException("gain-shape noiseFill must be given");
            }
        }

        @Override
        public int vectorSize(int hop) {
            return bands + hop;
        }

        @Override
        public String spec() {
            return "gain-shape:bands=" + bands + ",exponent=" + exponent + ",weight=" + envelopeWeight + ",noise="
                    + noiseFill.word();
        }
    }
}
