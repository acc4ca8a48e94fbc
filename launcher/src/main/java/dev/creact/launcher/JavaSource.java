package dev.creact.launcher;

/** Where a Java candidate came from, in the order the launch rule tries them. */
public enum JavaSource {
    /** The editor's Java setting: when set, it is the only candidate. */
    SETTING("the setting"),
    JAVA_HOME("JAVA_HOME"),
    PATH("the PATH"),
    /** The usual JDK install folders ({@link InstallFolders}). */
    INSTALL_FOLDER("a JDK folder");

    private final String label;

    JavaSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
