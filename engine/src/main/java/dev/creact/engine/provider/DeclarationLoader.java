package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * A build-time step a provider plugin may contribute for its own construct types (implemented by the
 * plugin): it reads what a declaration points at outside the user's code (a Terraform module's variables
 * and outputs, a Helm chart's values schema) and says what is wrong with the declaration before anything
 * runs, and which props the build adds from it (a digest of the module's files, so editing one shows as an
 * update). The build calls it for every declared resource whose type starts with the plugin's name and
 * reports its findings at the declaration's file and line, like every other build error.
 *
 * <p>It must be quick and side-effect free: it runs on every build, in the editor on every keystroke (cache
 * by the files' stamps), and it never runs the external tool.
 */
public interface DeclarationLoader {
    /**
     * One declared resource.
     *
     * @param id          resource id
     * @param type        construct type (one of the plugin's)
     * @param props       props as written (references to unknown outputs as tokens)
     * @param projectRoot the project folder; artefacts are read from inside it only
     */
    record Declaration(String id, String type, ObjectNode props, Path projectRoot) {
        public Declaration {
            props = props.deepCopy();
        }
    }

    /**
     * Something wrong with a declaration, said for people: a short code ({@code terraform-missing-var}), one
     * sentence, and what to do next (may be null). The build adds the file, line and resource.
     */
    record Finding(String code, String message, String hint) {
    }

    /**
     * What loading found: props the build adds to the resource (they replace props of the same name; the
     * plugin declares them in its schema), and the findings (none: the declaration is fine).
     */
    record Loaded(ObjectNode addedProps, List<Finding> findings) {
        public Loaded {
            addedProps = addedProps == null ? JsonNodeFactory.instance.objectNode() : addedProps.deepCopy();
            findings = List.copyOf(findings == null ? List.of() : findings);
        }

        public static Loaded failed(Finding finding) {
            return new Loaded(null, List.of(finding));
        }
    }

    Loaded load(Declaration declaration);
}
