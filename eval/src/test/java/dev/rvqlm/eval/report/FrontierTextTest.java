package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rvqlm.eval.results.Lead;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierTextTest {

    private static Lead lead(double flops, String leader) {
        return new Lead(flops, leader, false, "other");
    }

    @Test
    void theClaimIsTheLeaderAtTheBudgetAndHowFarDownItLeads() {
        // demo seed 1: delay ahead by 0.2% at the first level only, parallel from the second level to the budget
        List<Lead> leads = List.of(lead(3.3e10, "delay"), lead(6.4e10, "parallel"), lead(5.6e12, "parallel"));
        assertEquals(
                "At equal training compute from 6.4e+10 FLOPs up to the budget, 5.6e+12 FLOPs, parallel leads; below "
                        + "6.4e+10, delay.",
                FrontierText.claim(leads));
    }

    @Test
    void aModelThatLeadsEverywhereIsSaidToLeadAtEveryLevel() {
        List<Lead> leads = List.of(lead(3.3e10, "parallel"), lead(5.6e12, "parallel"));
        assertEquals(
                "At equal training compute parallel leads at every level measured, from 3.3e+10 to 5.6e+12 FLOPs.",
                FrontierText.claim(leads));
    }

    @Test
    void aLeaderThatTakesOverLateIsNamedWithWhereItTookOver() {
        List<Lead> leads = List.of(lead(1e9, "parallel"), lead(1e10, "parallel"), lead(1e11, "flatten"));
        assertEquals(
                "At equal training compute from 1.0e+11 FLOPs up to the budget, 1.0e+11 FLOPs, flatten leads; below 1.0e+11, "
                        + "parallel.",
                FrontierText.claim(leads));
    }
}
