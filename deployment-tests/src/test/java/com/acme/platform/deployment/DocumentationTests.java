package com.acme.platform.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and docs/ as a newcomer uses them: the README stays short, every relative link (and every
 * {@code #anchor} into a Markdown file) leads somewhere, every file and class the "Where to find X" table names
 * exists, and the fork steps that {@code fork-check.sh} runs are where it reads them.
 */
class DocumentationTests {

    private static final int README_MAX_LINES = 220;
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]+");
    private static final Pattern FILE_EXTENSION = Pattern.compile(".*\\.(java|ya?ml|sh|sql|json|xml|md|http|Dockerfile)$");

    private final Path root = RepositoryFiles.root();

    @Test
    void readmeIsShort() {
        assertThat(lines(root.resolve("README.md"))).as("lines of README.md").hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : documents()) {
            for (String target : links(file)) {
                String problem = resolve(file, target);
                if (problem != null) {
                    broken.add(root.relativize(file) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void whereToFindXNamesFilesAndClassesThatExist() {
        List<String> rows = whereToFindRows();
        assertThat(rows).as("rows of the \"Where to find X\" table").hasSizeGreaterThan(50);
        List<Path> files = repositoryFiles();
        List<String> missing = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("(?<!\\\\)\\|");
            String where = cells[cells.length - 1];
            Matcher span = CODE_SPAN.matcher(where);
            while (span.find()) {
                String name = span.group().substring(1, span.group().length() - 1);
                if (!exists(name, files)) {
                    missing.add(name + "   (row: " + cells[1].strip() + ")");
                }
            }
        }
        assertThat(missing).as("files and classes named in \"Where to find X\" that do not exist").isEmpty();
    }

    @Test
    void theForkStepsAreWhereForkCheckReadsThem() {
        String script = RepositoryFiles.read(root.resolve("deployment-tests/fork-check.sh"));
        Matcher source = Pattern.compile("p' (\\S+\\.md) \\| sed").matcher(script);
        assertThat(source.find()).as("fork-check.sh names the file holding the fork steps").isTrue();
        String doc = RepositoryFiles.read(root.resolve(source.group(1)));
        int start = doc.indexOf("<!-- fork-steps");
        int end = doc.indexOf("<!-- /fork-steps");
        assertThat(start).as("<!-- fork-steps marker in " + source.group(1)).isNotNegative();
        assertThat(end).as("<!-- /fork-steps marker in " + source.group(1)).isGreaterThan(start);
        assertThat(doc.substring(start, end)).contains("```bash\nNEW_PACKAGE=").contains("com\\.acme\\.platform");
    }

    // --- links --------------------------------------------------------------------------------------------------

    private List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Link targets outside fenced code blocks and code spans; absolute URLs left out. */
    private static List<String> links(Path file) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(file)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    /** Null when the target resolves, else what is wrong. */
    private String resolve(Path from, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !headingAnchors(resolved).contains(anchor)) {
            return "no heading with the anchor #" + anchor + " in " + root.relativize(resolved);
        }
        return null;
    }

    /** GitHub's anchors: the heading's text in lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
    static Set<String> headingAnchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines(file)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(1));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    // --- "Where to find X" --------------------------------------------------------------------------------------

    private List<String> whereToFindRows() {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines(root.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Where to find X");
            } else if (inSection && line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| mechanism |")) {
                rows.add(line);
            }
        }
        return rows;
    }

    /**
     * A code span is checked when it names a file (a path, or a name with an extension) or a class; anything else in
     * it (a method, a property, a metric) is left alone. {@code .../} stands for any directories, {@code *} and
     * {@code <name>} for any one name; a name without a module is found anywhere in the repository.
     */
    private boolean exists(String name, List<Path> files) {
        String reference = name.replaceAll("#.*", "").replaceAll("\\s*\\(.*", "");
        boolean path = reference.contains("/");
        boolean fileName = FILE_EXTENSION.matcher(reference).matches() || reference.startsWith(".");
        boolean className = CLASS_NAME.matcher(reference).matches();
        if (!path && !fileName && !className) {
            return true;
        }
        if (className && !fileName) {
            reference = reference + ".java";
        }
        String glob = reference.replace("...", "**").replaceAll("<[^>]+>", "*");
        if (glob.endsWith("/")) {
            glob = glob.substring(0, glob.length() - 1);
        }
        PathMatcher fromRoot = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        PathMatcher anywhere = FileSystems.getDefault().getPathMatcher("glob:**/" + glob);
        if (!glob.contains("*") && Files.exists(root.resolve(glob))) {
            return true;
        }
        for (Path file : files) {
            Path relative = root.relativize(file);
            if (fromRoot.matches(relative) || anywhere.matches(relative)) {
                return true;
            }
            if (!glob.contains("/") && relative.getFileName().toString().equals(glob)) {
                return true;
            }
        }
        // a path without an extension (`messaging/DlqRecorder`) names a class
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        return path && !last.isEmpty() && !last.contains(".") && exists(reference + ".java", files);
    }

    private List<Path> repositoryFiles() {
        Set<String> skipped = Set.of(".git", "target", "node_modules", ".local");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> {
                for (Path part : root.relativize(p)) {
                    if (skipped.contains(part.toString())) {
                        return false;
                    }
                }
                return true;
            }).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> lines(Path file) {
        return RepositoryFiles.read(file).lines().toList();
    }
}
