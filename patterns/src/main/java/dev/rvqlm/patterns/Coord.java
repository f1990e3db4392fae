package dev.rvqlm.patterns;

/**
 * One cell of a K×T code grid: timestep {@code t} of codebook {@code k} (AudioCraft's {@code LayoutCoord(t, q)}).
 * Coordinates order by timestep, then codebook, as the reference's named tuples do.
 */
public record Coord(int t, int k) implements Comparable<Coord> {

    @Override
    public int compareTo(Coord other) {
        int byTime = Integer.compare(t, other.t);
        return byTime != 0 ? byTime : Integer.compare(k, other.k);
    }

    @Override
    public String toString() {
        return "(t=" + t + ", k=" + k + ")";
    }
}
