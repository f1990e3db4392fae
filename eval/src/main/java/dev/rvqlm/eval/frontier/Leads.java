package dev.rvqlm.eval.frontier;

import dev.rvqlm.eval.results.Lead;
import java.util.ArrayList;
import java.util.List;

/** Who leads at each compute level of a set of frontiers ({@link Lead}). */
public final class Leads {

    private Leads() {}

    /** The lead at every compute level where at least one frontier is defined. */
    public static List<Lead> of(List<Frontier> frontiers) {
        List<Lead> leads = new ArrayList<>();
        int levels = frontiers.get(0).levels();
        for (int l = 0; l < levels; l++) {
            int best = -1;
            int second = -1;
            for (int p = 0; p < frontiers.size(); p++) {
                double m = frontiers.get(p).at(l).mean();
                if (!Double.isFinite(m)) {
                    continue;
                }
                if (best < 0 || m < frontiers.get(best).at(l).mean()) {
                    second = best;
                    best = p;
                } else if (second < 0 || m < frontiers.get(second).at(l).mean()) {
                    second = p;
                }
            }
            if (best < 0) {
                continue;
            }
            boolean resolved = true;
            for (int p = 0; p < frontiers.size(); p++) {
                if (p != best) {
                    resolved &=
                            PairedGap.of(frontiers.get(best), frontiers.get(p)).resolvedSign(l) < 0;
                }
            }
            leads.add(new Lead(
                    frontiers.get(best).flops().get(l),
                    frontiers.get(best).pattern(),
                    resolved,
                    second < 0 ? null : frontiers.get(second).pattern()));
        }
        return leads;
    }
}
