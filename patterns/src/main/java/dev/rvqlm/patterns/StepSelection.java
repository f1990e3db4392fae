package dev.rvqlm.patterns;

/** Which steps of a layout a built or reverted sequence covers (the reference's {@code keep_only_valid_steps}). */
public enum StepSelection {
    /** Every step of the layout, including the trailing steps that hold only part of a timestep. */
    ALL_STEPS,
    /** Only the first {@code layout.size() - maxDelay} steps, the ones AudioCraft trains on. */
    VALID_STEPS
}
