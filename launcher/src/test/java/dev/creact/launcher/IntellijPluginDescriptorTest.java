package dev.creact.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.sun.source.util.JavacTask;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of the IntelliJ plugin without JetBrains' repositories (which its Gradle build needs):
 * its descriptor is well-formed XML that names only classes the plugin's sources define, the ids the code uses
 * are the ones the descriptor declares, and it adds no LSP4J of its own. The Maven build runs this; the plugin
 * itself is compiled only where {@code ./gradlew buildPlugin} can reach those repositories.
 */
class IntellijPluginDescriptorTest {
    private static final Path PLUGIN = Repository.root().resolve("intellij-plugin");
    private static final Path SOURCES = PLUGIN.resolve("src/main/java");
    /** Attributes that name a class in plugin.xml's extensions and actions. */
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "implementation", "implementationClass", "instance",
            "factoryClass", "documentMatcher", "serviceImplementation", "serviceInterface");

    private static Document descriptor;

    @BeforeAll
    static void parse() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        descriptor = factory.newDocumentBuilder().parse(PLUGIN.resolve("src/main/resources/META-INF/plugin.xml").toFile());
    }

    private static List<Element> elements(String tag) {
        NodeList nodes = descriptor.getElementsByTagName(tag);
        var list = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String constant(String file, String name) throws IOException {
        Matcher m = Pattern.compile(name + "\\s*=\\s*\"([^\"]*)\"").matcher(Files.readString(SOURCES.resolve(file)));
        assertTrue(m.find(), name + " in " + file);
        return m.group(1);
    }

    @Test
    @DisplayName("plugin.xml is an idea-plugin that depends on the platform and LSP4IJ")
    void dependsOnLsp4ij() {
        assertEquals("idea-plugin", descriptor.getDocumentElement().getTagName());
        assertEquals(List.of("com.intellij.modules.platform", "com.redhat.devtools.lsp4ij"),
                elements("depends").stream().map(e -> e.getTextContent().strip()).toList());
        assertFalse(elements("id").getFirst().getTextContent().isBlank());
    }

    @Test
    @DisplayName("every class plugin.xml names is defined, with that package and name, in the plugin's sources")
    void classesExist() throws IOException {
        var named = new ArrayList<String>();
        NodeList all = descriptor.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Node attribute = attributes.item(a);
                if (CLASS_ATTRIBUTES.contains(attribute.getNodeName())) {
                    named.add(attribute.getNodeValue());
                }
            }
        }
        assertEquals(10, named.size(), "factory, 4 document matchers, configurable, widget factory, 3 actions: " + named);
        for (String className : named) {
            Path source = SOURCES.resolve(className.replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), className + " has no source file " + source);
            String text = Files.readString(source);
            String pkg = className.substring(0, className.lastIndexOf('.'));
            String simple = className.substring(className.lastIndexOf('.') + 1);
            assertTrue(text.contains("package " + pkg + ";"), className + ": package");
            assertTrue(Pattern.compile("public (final |abstract )?class " + simple + "\\b").matcher(text).find(),
                    className + " is declared public (the platform instantiates it)");
        }
    }

    @Test
    @DisplayName("the ids the code uses are the ones plugin.xml declares")
    void ids() throws IOException {
        assertEquals(constant("dev/creact/intellij/CreactIds.java", "SERVER_ID"), elements("server").getFirst().getAttribute("id"));
        for (String tag : List.of("languageMapping", "fileNamePatternMapping")) {
            for (Element mapping : elements(tag)) {
                assertEquals("creact", mapping.getAttribute("serverId"), tag);
            }
        }
        assertEquals(constant("dev/creact/intellij/CreactIds.java", "NOTIFICATION_GROUP"),
                elements("notificationGroup").getFirst().getAttribute("id"));
        assertEquals(constant("dev/creact/intellij/status/PlanStatusWidgetFactory.java", "ID"),
                elements("statusBarWidgetFactory").getFirst().getAttribute("id"));
        // The lenses are rewritten to these action ids: LSP4IJ finds the actions by id.
        List<String> actions = elements("action").stream().map(e -> e.getAttribute("id")).toList();
        for (String name : List.of("PLAN_ACTION", "DEPLOY_ACTION", "TOGGLE_DEV_ACTION")) {
            assertTrue(actions.contains(constant("dev/creact/intellij/CreactIds.java", name)), name + " in " + actions);
        }
        List<String> groups = elements("add-to-group").stream().map(e -> e.getAttribute("group-id")).toList();
        assertEquals(List.of("ToolsMenu", "EditorPopupMenu"), groups);
    }

    @Test
    @DisplayName("the plugin's sources are well-formed Java 21 (parsed, not compiled: the platform is not here)")
    void sourcesParse() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() >= 15, "the plugin's sources: " + sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            var task = (JavacTask) javac.getTask(null, files, diagnostics, List.of("--release", "21", "-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.parse();
        }
        assertEquals(List.of(), diagnostics.getDiagnostics().stream().map(Object::toString).toList());
    }

    @Test
    @DisplayName("the plugin adds no LSP4J of its own: it uses LSP4IJ's")
    void noSecondLsp4j() throws IOException {
        String build = Files.readString(PLUGIN.resolve("build.gradle.kts"));
        assertFalse(Pattern.compile("(implementation|api|compileOnly|runtimeOnly)\\s*\\(\\s*\"org\\.eclipse\\.lsp4j").matcher(build).find(),
                "build.gradle.kts must not depend on LSP4J");
        assertTrue(build.contains("plugin(\"com.redhat.devtools.lsp4ij\""), "depends on the LSP4IJ plugin");
        assertTrue(build.contains("srcDir(\"../launcher/src/main/java\")"), "compiles the shared launch rule");
    }

    @Test
    @DisplayName("the plugin's sources import only the platform, LSP4IJ (with its LSP4J), Gson, the JDK and creact")
    void imports() throws IOException {
        var allowed = List.of("java.", "javax.", "com.intellij.", "com.redhat.devtools.lsp4ij.", "org.eclipse.lsp4j.",
                "com.google.gson.", "org.jetbrains.annotations.", "dev.creact.");
        for (String imported : imports(SOURCES)) {
            assertTrue(allowed.stream().anyMatch(imported::startsWith), "unexpected import " + imported);
        }
    }

    @Test
    @DisplayName("the launch rule imports only the JDK")
    void launcherImportsOnlyTheJdk() throws IOException {
        for (String imported : imports(Repository.root().resolve("launcher/src/main/java"))) {
            assertTrue(imported.startsWith("java."), "unexpected import " + imported);
        }
    }

    private static List<String> imports(Path root) throws IOException {
        var imports = new ArrayList<String>();
        Pattern importLine = Pattern.compile("(?m)^import (?:static )?([\\w.]+)(?:\\.\\*)?;");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = importLine.matcher(Files.readString(file));
                while (m.find()) {
                    imports.add(m.group(1));
                }
            }
        }
        assertFalse(imports.isEmpty(), "no imports found under " + root);
        return imports;
    }
}
