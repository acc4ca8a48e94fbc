package dev.creact.launcher;

/** The setting a launch problem is about. */
public enum Setting {
    JAVA_PATH,
    JAR_PATH
}
