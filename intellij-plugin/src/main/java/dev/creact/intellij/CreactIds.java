package dev.creact.intellij;

/** The names the plugin, its descriptor (plugin.xml) and the language server share. */
public final class CreactIds {
    /** The LSP4IJ server id (plugin.xml's {@code <server id>}). */
    public static final String SERVER_ID = "creact";
    /** plugin.xml's {@code <notificationGroup id>}. */
    public static final String NOTIFICATION_GROUP = "creact";

    /** The server's {@code workspace/executeCommand} commands (the lenses use the first two). */
    public static final String SERVER_PLAN = "creact.plan";
    public static final String SERVER_DEPLOY = "creact.deploy";
    public static final String SERVER_DEV = "creact.dev";

    /** plugin.xml's action ids. */
    public static final String PLAN_ACTION = "creact.intellij.plan";
    public static final String DEPLOY_ACTION = "creact.intellij.deploy";
    public static final String TOGGLE_DEV_ACTION = "creact.intellij.toggleDevMode";

    private CreactIds() {
    }
}
