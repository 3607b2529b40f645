package io.facefleet.common.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table has one owner, its store: no SQL statement in the main sources outside common/store (with its read
 * models) and common/db (database set-up). It reads the Java string literals and text blocks of every module.
 */
class SqlOnlyInStoresTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<Path> ALLOWED = List.of(
            ROOT.resolve("common/src/main/java/io/facefleet/common/store"),
            ROOT.resolve("common/src/main/java/io/facefleet/common/db"));

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("(?i)\\bselect\\s+.+?\\bfrom\\b|\\bSELECT\\b|"
            + "\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b|"
            + "\\b(create|drop|alter)\\s+(table|index|database|extension)\\b|\\bset\\s+local\\b|"
            + "^\\s*(vacuum|reindex|analyze|show)(\\s+(analyze|index))?\\s+[a-z_.]+\\s*$", Pattern.DOTALL);

    @Test
    void sqlLivesInTheStoresOnly() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources()) {
            if (ALLOWED.stream().anyMatch(file::startsWith)) {
                continue;
            }
            found.addAll(statements(file));
        }
        assertThat(found).as("SQL outside common/store and common/db").isEmpty();
    }

    @Test
    void findsAStatementWhereOneIs() {
        assertThat(STATEMENT.matcher("SELECT id FROM videos WHERE path = ?").find()).isTrue();
        assertThat(STATEMENT.matcher("update videos set status = 'done'").find()).isTrue();
        assertThat(STATEMENT.matcher("SELECT count(*) FROM jobrunr_jobs").find()).isTrue();
        assertThat(STATEMENT.matcher("VACUUM ANALYZE face_tracks").find()).isTrue();
        assertThat(STATEMENT.matcher("'limit' must be between 1 and 200").find()).isFalse();
        assertThat(STATEMENT.matcher("VACUUM ANALYZE of both tables: %.1f s%n").find()).isFalse();
        assertThat(mainSources()).as("the sources are found").hasSizeGreaterThan(50);
    }

    private static List<Path> mainSources() {
        List<Path> files = new ArrayList<>();
        for (String module : List.of("common", "worker", "scheduler")) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> walk = Files.walk(main)) {
                walk.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + main, e);
            }
        }
        return files;
    }

    private static List<String> statements(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        Matcher literal = LITERAL.matcher(withoutComments(Files.readString(file)));
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            if (STATEMENT.matcher(text).find()) {
                found.add(ROOT.relativize(file) + ": " + text.strip().lines().findFirst().orElse(""));
            }
        }
        return found;
    }

    /** Line and block comments (javadoc names SQL now and then), leaving string literals as they are. */
    private static String withoutComments(String source) {
        return Pattern.compile("\"\"\".*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL)
                .matcher(source).replaceAll(m -> m.group().startsWith("/") ? "" : Matcher.quoteReplacement(m.group()));
    }
}
