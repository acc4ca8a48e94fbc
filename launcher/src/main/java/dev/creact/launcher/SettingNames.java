package dev.creact.launcher;

/**
 * How an editor names its settings, so that a problem says what to change in words the user sees there.
 *
 * @param javaPath how to refer to the Java setting, e.g. {@code `creact.javaPath`}
 * @param jarPath  how to refer to the jar setting
 * @param restart  what to do after fixing it, e.g. {@code run "creact: Restart language server"}
 */
public record SettingNames(String javaPath, String jarPath, String restart) {
}
