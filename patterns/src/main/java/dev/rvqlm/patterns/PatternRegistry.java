package dev.rvqlm.patterns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The pattern names of spec strings, their keys with defaults, and how each builds its provider. Adding a pattern
 * is one provider record plus one entry here.
 */
public final class PatternRegistry {

    /** One option of a pattern: its key (the reference's keyword name) and its default, in words. */
    public record Key(String name, String defaultValue) {}

    /** One pattern name. */
    public record Entry(
            String name, String summary, List<Key> keys, BiFunction<SpecOptions, Integer, PatternProvider> factory) {

        PatternProvider create(Map<String, String> options, int codebooks) {
            Checks.requireCodebooks(codebooks);
            LinkedHashSet<String> allowed =
                    keys.stream().map(Key::name).collect(Collectors.toCollection(LinkedHashSet::new));
            return factory.apply(new SpecOptions(name, options, allowed), codebooks);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry(
                "parallel",
                "all K codes of a timestep in one step (S = T)",
                List.of(new Key("empty_initial", "0")),
                (o, k) -> new ParallelPattern(k, o.integer("empty_initial", 0))));
        add(new Entry(
                "delay",
                "codebook k shifted by delays[k] steps, MusicGen's default (S = T + max delay)",
                List.of(new Key("delays", "0,1,...,K-1"), new Key("flatten_first", "0"), new Key("empty_initial", "0")),
                (o, k) -> new DelayPattern(
                        k,
                        o.integers("delays", range(k)),
                        o.integer("flatten_first", 0),
                        o.integer("empty_initial", 0))));
        add(new Entry(
                "flatten",
                "one codebook per step, the full flattening (S = K*T)",
                List.of(new Key("delays", "0,...,0")),
                (o, k) -> new UnrolledPattern(k, range(k), o.integers("delays", zeros(k)))));
        add(new Entry(
                "partial-flatten",
                "codebooks sharing a flattening value stay parallel, the others are unrolled",
                List.of(new Key("flattening", "0,1,...,1"), new Key("delays", "0,...,0")),
                (o, k) -> new UnrolledPattern(
                        k, o.integers("flattening", firstAlone(k)), o.integers("delays", zeros(k)))));
        add(new Entry(
                "coarse-first",
                "all of codebook 0, then codebooks 1..K-1 (not causal across codebooks)",
                List.of(new Key("delays", "0,...,0 (K-1 values)")),
                (o, k) -> new CoarseFirstPattern(k, o.integers("delays", zeros(k - 1)))));
        add(new Entry(
                "valle",
                "AudioCraft v1.0's name for coarse-first (same layout)",
                List.of(new Key("delays", "0,...,0 (K-1 values)")),
                (o, k) -> new CoarseFirstPattern(k, o.integers("delays", zeros(k - 1)))));
        add(new Entry(
                "musiclm",
                "full flattening in MusicLM's order: groups of codebooks, all timesteps each",
                List.of(new Key("group_by", "2")),
                (o, k) -> new MusicLmPattern(k, o.integer("group_by", 2))));
    }

    private PatternRegistry() {}

    private static void add(Entry entry) {
        ENTRIES.put(entry.name(), entry);
    }

    /** Every pattern name, in the order {@code rvq patterns list} shows them. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The names, comma-separated, for error messages. */
    public static String names() {
        return String.join(", ", ENTRIES.keySet());
    }

    static Entry entry(String name) {
        Entry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown pattern '" + name + "' (one of: " + names() + ")");
        }
        return entry;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Integer> zeros(int n) {
        return Collections.nCopies(Math.max(0, n), 0);
    }

    /** 0,1,1,...,1: codebook 0 on its own step, the finer ones together on the next (MusicGen's partial flattening). */
    private static List<Integer> firstAlone(int n) {
        List<Integer> out = new ArrayList<>(Collections.nCopies(n, 1));
        out.set(0, 0);
        return out;
    }
}
