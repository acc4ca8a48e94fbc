package dev.creact.intellij.settings;

import com.intellij.openapi.application.ApplicationManager;
import com.intellij.openapi.application.ModalityState;
import com.intellij.openapi.fileChooser.FileChooserDescriptorFactory;
import com.intellij.openapi.options.Configurable;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.ui.TextFieldWithBrowseButton;
import com.intellij.ui.components.JBCheckBox;
import com.intellij.ui.components.JBLabel;
import com.intellij.ui.components.JBTextField;
import com.intellij.util.ui.FormBuilder;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.status.PlanStatus;
import dev.creact.launcher.Launch;
import org.jetbrains.annotations.Nls;
import org.jetbrains.annotations.Nullable;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import java.util.Objects;

/**
 * Settings | Tools | creact: how the server starts (Java, jar) and what it evaluates (stack, entry, dev mode).
 * Applying a change restarts the server, which gets them as initializationOptions.
 */
public final class CreactConfigurable implements Configurable {
    private final Project project;
    private TextFieldWithBrowseButton javaPath;
    private TextFieldWithBrowseButton jarPath;
    private JBTextField stack;
    private JBTextField entry;
    private JBCheckBox devModeOnStart;
    private JBLabel checkResult;
    private JPanel panel;

    public CreactConfigurable(Project project) {
        this.project = project;
    }

    @Override
    public @Nls String getDisplayName() {
        return "creact";
    }

    @Override
    public @Nullable JComponent createComponent() {
        javaPath = new TextFieldWithBrowseButton();
        javaPath.addBrowseFolderListener("Java 25", "The java executable (bin/java) of a JDK 25 or newer", project,
                FileChooserDescriptorFactory.createSingleFileNoJarsDescriptor());
        jarPath = new TextFieldWithBrowseButton();
        jarPath.addBrowseFolderListener("creact.jar", "The creact jar (cli/target/creact.jar of a creact build)", project,
                FileChooserDescriptorFactory.createSingleFileDescriptor("jar"));
        stack = new JBTextField();
        entry = new JBTextField();
        devModeOnStart = new JBCheckBox("Start in dev mode (each save deploys: safe changes at once, others after asking)");
        checkResult = new JBLabel();
        checkResult.setAllowAutoWrapping(true);
        JButton check = new JButton("Check");
        check.addActionListener(e -> check());
        panel = FormBuilder.createFormBuilder()
                .addLabeledComponent("Java 25 (bin/java):", javaPath)
                .addTooltip("Empty: $JAVA_HOME/bin/java, else java on the PATH, else the usual JDK folders.")
                .addLabeledComponent("creact.jar:", jarPath)
                .addTooltip("Empty: cli/target/creact.jar in or above the project folder, else the creact command on the PATH.")
                .addLabeledComponent("Stack:", stack)
                .addLabeledComponent("Entry:", entry)
                .addTooltip("Relative to the project folder.")
                .addComponent(devModeOnStart)
                .addLabeledComponent(check, checkResult)
                .addComponentFillVertically(new JPanel(), 0)
                .getPanel();
        reset();
        return panel;
    }

    /** Runs the launch rule on what the fields say (it starts java -version, so off the UI thread). */
    private void check() {
        String java = javaPath.getText();
        String jar = jarPath.getText();
        checkResult.setText("Checking…");
        ApplicationManager.getApplication().executeOnPooledThread(() -> {
            Launch launch = CreactServer.launch(project, java, jar);
            String text = switch (launch) {
                case Launch.Ready ready -> "OK: " + ready.summary();
                case Launch.Problem problem -> problem.message();
            };
            ApplicationManager.getApplication().invokeLater(() -> checkResult.setText(text),
                    ModalityState.stateForComponent(checkResult));
        });
    }

    @Override
    public boolean isModified() {
        return !edited().equals(stored());
    }

    @Override
    public void apply() {
        CreactSettings.Values values = CreactSettings.getInstance(project).getState();
        values.javaPath = javaPath.getText().strip();
        values.jarPath = jarPath.getText().strip();
        values.stack = stack.getText().strip();
        values.entry = entry.getText().strip();
        values.devModeOnStart = devModeOnStart.isSelected();
        PlanStatus.getInstance(project).forgetLaunchProblem();
        CreactServer.restart(project);
    }

    @Override
    public void reset() {
        CreactSettings.Values values = CreactSettings.getInstance(project).getState();
        javaPath.setText(values.javaPath);
        jarPath.setText(values.jarPath);
        stack.setText(values.stack);
        entry.setText(values.entry);
        devModeOnStart.setSelected(values.devModeOnStart);
        checkResult.setText("");
    }

    @Override
    public void disposeUIResources() {
        panel = null;
    }

    private Fields edited() {
        return new Fields(javaPath.getText().strip(), jarPath.getText().strip(), stack.getText().strip(),
                entry.getText().strip(), devModeOnStart.isSelected());
    }

    private Fields stored() {
        CreactSettings.Values v = CreactSettings.getInstance(project).getState();
        return new Fields(Objects.toString(v.javaPath, "").strip(), Objects.toString(v.jarPath, "").strip(),
                Objects.toString(v.stack, "").strip(), Objects.toString(v.entry, "").strip(), v.devModeOnStart);
    }

    private record Fields(String javaPath, String jarPath, String stack, String entry, boolean devModeOnStart) {
    }
}
