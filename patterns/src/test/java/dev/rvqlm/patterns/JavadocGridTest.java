package dev.rvqlm.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The layout grids drawn in each provider's Javadoc are the ones the provider really builds. */
class JavadocGridTest {

    private static final Pattern PRE_BLOCK = Pattern.compile("<pre>\\n(.*?) \\* </pre>", Pattern.DOTALL);

    /** The {@code <pre>} grids of a provider's source file, in order, without the comment's leading " * ". */
    private static List<String> grids(Class<?> provider) throws IOException {
        Path source = Path.of("src/main/java", provider.getName().replace('.', '/') + ".java");
        Matcher matcher = PRE_BLOCK.matcher(Files.readString(source));
        List<String> out = new ArrayList<>();
        while (matcher.find()) {
            out.add(matcher.group(1).replaceAll("(?m)^ \\* ", ""));
        }
        return out;
    }

    private static String render(PatternProvider provider, int timesteps) {
        return LayoutGrid.render(provider.pattern(timesteps), "·", false);
    }

    @Test
    void delay() throws IOException {
        assertEquals(List.of(render(DelayPattern.standard(3), 4)), grids(DelayPattern.class));
    }

    @Test
    void parallel() throws IOException {
        assertEquals(List.of(render(new ParallelPattern(3, 0), 4)), grids(ParallelPattern.class));
    }

    @Test
    void unrolled() throws IOException {
        assertEquals(
                List.of(
                        render(UnrolledPattern.flatten(3), 3),
                        render(new UnrolledPattern(3, List.of(0, 1, 1), List.of(0, 0, 0)), 3)),
                grids(UnrolledPattern.class));
    }

    @Test
    void coarseFirst() throws IOException {
        assertEquals(List.of(render(CoarseFirstPattern.undelayed(3), 3)), grids(CoarseFirstPattern.class));
    }

    @Test
    void musicLm() throws IOException {
        assertEquals(List.of(render(new MusicLmPattern(2, 1), 3)), grids(MusicLmPattern.class));
    }
}
