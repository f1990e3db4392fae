package dev.rvqlm.eval.run;

import dev.rvqlm.eval.data.HeldOutSplit;
import dev.rvqlm.eval.data.Window;
import dev.rvqlm.eval.metrics.PatternBound;
import dev.rvqlm.eval.metrics.UnigramBaseline;
import dev.rvqlm.eval.results.Calibration;
import dev.rvqlm.eval.results.TestUnigram;
import dev.rvqlm.lm.ModelEntry;
import dev.rvqlm.tokens.TokenCorpus;
import dev.rvqlm.tokens.synth.MarkovSource;
import dev.rvqlm.tokens.synth.SynthCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The figures an eval's models are measured against: a synthetic source's, and the unigram baseline of each split. */
final class Baselines {

    private Baselines() {}

    /** What each model can reach when the tokens come from {@code rvq tokens synth}; empty otherwise. */
    static Optional<Calibration> calibration(Path tokens, List<ModelEntry> models) throws IOException {
        Optional<SynthCorpus.Description> synth = SynthCorpus.read(tokens);
        if (synth.isEmpty()) {
            return Optional.empty();
        }
        MarkovSource source = MarkovSource.random(synth.get().config().source());
        Map<String, List<Double>> reachable = new LinkedHashMap<>();
        for (ModelEntry model : models) {
            PatternBound.of(model, source).ifPresent(bits -> reachable.put(model.toString(), bits));
        }
        return Optional.of(new Calibration(synth.get().entropy(), reachable));
    }

    /** Per seed, the test codes' unigram baseline from that seed's training files. */
    static List<TestUnigram> unigram(List<RunPlan> plans, List<HeldOutSplit> splits, TokenCorpus corpus) {
        List<TestUnigram> out = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            long seed = plans.get(i).run().seed();
            if (out.stream().anyMatch(u -> u.seed() == seed)) {
                continue;
            }
            HeldOutSplit split = splits.get(i);
            List<int[][]> train =
                    split.train().items().stream().map(TokenCorpus.Item::codes).toList();
            List<int[][]> test = new ArrayList<>();
            for (Window w : split.windows()) {
                test.add(w.cut(corpus.items().get(w.file()).codes()));
            }
            double[] bits = UnigramBaseline.fit(train, corpus.codebookSize()).bitsByCodebook(test);
            out.add(new TestUnigram(seed, Arrays.stream(bits).boxed().toList()));
        }
        return out;
    }
}
