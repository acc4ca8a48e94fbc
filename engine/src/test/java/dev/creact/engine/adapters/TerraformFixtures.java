package dev.creact.engine.adapters;

import dev.creact.engine.TestProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Terraform modules the adapter tests share. They use only the built-in {@code terraform_data} resource and
 * {@code local-exec} provisioners, so they need no provider from a registry. Each provisioner appends a
 * line to a marks file, so a test can count how often terraform created and destroyed things.
 */
final class TerraformFixtures {
    private TerraformFixtures() {
    }

    /** Whether the real terraform is on the PATH (the tests that run it are skipped otherwise, saying so). */
    static boolean terraformPresent() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static final String SKIPPED = "terraform is not on the PATH: the tests that run the real terraform are skipped";

    /**
     * {@code modules/marks}: one {@code terraform_data} whose create provisioner writes {@code create <label>}
     * and whose destroy provisioner writes {@code destroy <label>} to the file {@code var.marks}; outputs
     * {@code label} and a sensitive {@code token}. {@code extra} adds a second resource and an output (the
     * "edited module").
     */
    static String marksModule(boolean extra, String createCommandSuffix) {
        return """
                variable "name" {
                  type = string
                }
                variable "size" {
                  type    = number
                  default = 1
                }
                variable "marks" {
                  type        = string
                  description = "where the provisioners write their marks"
                }
                variable "password" {
                  type      = string
                  sensitive = true
                  default   = "correct-horse-battery"
                }

                resource "terraform_data" "item" {
                  input = { label = "${var.name}-${var.size}", marks = var.marks }
                  provisioner "local-exec" {
                    command = "echo create ${self.input.label} >> ${self.input.marks}%s"
                  }
                  provisioner "local-exec" {
                    when    = destroy
                    command = "echo destroy ${self.input.label} >> ${self.input.marks}"
                  }
                }

                output "label" {
                  value = terraform_data.item.output.label
                }
                output "token" {
                  value     = "t-${var.password}"
                  sensitive = true
                }
                """.formatted(createCommandSuffix) + (extra ? """

                resource "terraform_data" "extra" {
                  input = "extra-${var.name}"
                }
                output "extra" {
                  value = terraform_data.extra.output
                }
                """ : "");
    }

    /** The stack: module {@code net} and a local file whose content is the module's {@code label} output. */
    static String stack(Path marks, int size) {
        return """
                import { useInstance } from "creact";
                import { TerraformModule } from "creact/terraform";
                import { LocalFile } from "creact/local";

                export default function App() {
                  const net = useInstance(TerraformModule, { key: "net", source: "./modules/marks",
                    vars: { name: "net", size: %d, marks: %s } });
                  useInstance(LocalFile, { key: "label", path: "out/label.txt", content: `label=${net.outputs.label}` });
                  return null;
                }
                """.formatted(size, quoted(marks.toString()));
    }

    /** A project with the marks module and {@link #stack}, terraform counted through a wrapper (see {@link #calls}). */
    static TestProject project(TestProject p, Path marks, int size) {
        p.file("modules/marks/main.tf", marksModule(false, ""));
        p.file("infrastructure.tsx", stack(marks, size));
        countingTerraform(p.root());
        return p;
    }

    /**
     * Points the adapter at a wrapper that logs each terraform command (its first argument) to
     * {@code terraform-calls.log} and runs the real terraform.
     */
    static void countingTerraform(Path root) {
        try {
            Path wrapper = root.resolve("bin/terraform-counted");
            Files.createDirectories(wrapper.getParent());
            Files.writeString(wrapper, "#!/bin/sh\necho \"$1\" >> " + quotedShell(root.resolve("terraform-calls.log"))
                    + "\nexec terraform \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(root.resolve("creact.config.json"), """
                    { "providers": { "terraform": { "binary": %s, "parallelism": 4 } } }
                    """.formatted(quoted(wrapper.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terraform commands run so far ({@code init}, {@code apply}, {@code plan}…). */
    static List<String> calls(Path root) {
        try {
            Path log = root.resolve("terraform-calls.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> marks(Path marks) {
        try {
            return Files.exists(marks) ? Files.readAllLines(marks).stream().map(String::strip).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String quotedShell(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }
}
