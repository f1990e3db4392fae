package dev.rvqlm.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of a token corpus's contents (every file's name, K, T and codes, in order): two corpora with the same
 * names and lengths but other codes get different digests, so a cache keyed on it never serves a stale result.
 */
public final class TokenDigest {

    private TokenDigest() {}

    /** SHA-256 of the corpus, as 64 hex digits. */
    public static String sha256(TokenCorpus corpus) {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[8192];
        for (TokenCorpus.Item item : corpus.items()) {
            digest.update(item.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            int[][] codes = item.codes();
            int n = putInt(buffer, 0, codes.length);
            n = putInt(buffer, n, item.timesteps());
            for (int[] row : codes) {
                for (int v : row) {
                    if (n == buffer.length) {
                        digest.update(buffer, 0, n);
                        n = 0;
                    }
                    n = putInt(buffer, n, v);
                }
            }
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }
}
