package dev.rvqlm.cli.codec;

import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Unwraps a worker's failure so the CLI reports the original exception (and its exit status). */
final class Workers {

    private Workers() {}

    static <T> T join(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

}
