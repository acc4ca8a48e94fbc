// The creact plugin for IntelliJ IDEA and the other JetBrains IDEs: `./gradlew buildPlugin` (see README.md)
// puts the plugin's zip in build/distributions/. It needs the Gradle plugin portal, Maven Central and
// JetBrains' repositories (the IntelliJ Platform and LSP4IJ come from there).
plugins {
    java
    id("org.jetbrains.intellij.platform") version "2.16.0"
}

group = "dev.creact"
version = providers.gradleProperty("pluginVersion").get()

repositories {
    mavenCentral()
    intellijPlatform {
        defaultRepositories()
    }
}

dependencies {
    intellijPlatform {
        intellijIdeaCommunity(providers.gradleProperty("platformVersion").get())
        // LSP4IJ brings LSP4J (and its Gson) in its own class loader. The plugin must not add a second LSP4J:
        // its classes would clash with LSP4IJ's (ClassCastException), so there is no lsp4j dependency here.
        plugin("com.redhat.devtools.lsp4ij", providers.gradleProperty("lsp4ijVersion").get())
    }
}

sourceSets {
    main {
        java {
            // The launch rule (find Java 25 and creact.jar, build the command line) is plain Java shared with
            // the Maven build, which tests it: one copy, compiled into the plugin.
            srcDir("../launcher/src/main/java")
        }
    }
}

tasks.withType<JavaCompile>().configureEach {
    options.release = 21
    options.encoding = "UTF-8"
}

intellijPlatform {
    // No forms, so nothing to instrument; and no settings to index for the search box beyond the page title.
    instrumentCode = false
    buildSearchableOptions = false
    pluginConfiguration {
        version = project.version.toString()
        ideaVersion {
            sinceBuild = "243"
            untilBuild = provider { null }
        }
    }
}
