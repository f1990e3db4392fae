package dev.rvqlm.tokenizer.rvq;

/** How a stage's codebook starts before the EMA updates. */
public enum Init {
    /** k-means++ seeding (Arthur and Vassilvitskii 2007) on a sample of that stage's residuals: the default. */
    KMEANS_PLUS_PLUS,
    /** N residuals drawn uniformly at random: cheaper, and leaves dead codes on clustered data. */
    RANDOM_SAMPLES
}
