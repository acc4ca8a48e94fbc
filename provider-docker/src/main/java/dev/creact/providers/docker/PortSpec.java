package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.provider.ProviderException;

/**
 * One published port of a container: {@code "8080:80"}, {@code "127.0.0.1:8080:80/udp"}, or
 * {@code {container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1"}}. A host port of 0 lets the
 * daemon choose one (read back in the container's {@code ports} output).
 */
record PortSpec(int container, int host, String protocol, String hostIp) {
    String key() {
        return container + "/" + protocol;
    }

    static PortSpec parse(JsonNode p, String resource) throws ProviderException {
        try {
            if (p.isObject()) {
                return new PortSpec(p.path("container").asInt(-1), p.path("host").asInt(0),
                        p.path("protocol").asText("tcp"), p.path("hostIp").asText(""));
            }
            if (p.isNumber()) {
                return new PortSpec(p.asInt(), 0, "tcp", "");
            }
            String s = p.asText();
            String protocol = "tcp";
            int slash = s.indexOf('/');
            if (slash >= 0) {
                protocol = s.substring(slash + 1);
                s = s.substring(0, slash);
            }
            String[] parts = s.split(":");
            return switch (parts.length) {
                case 1 -> new PortSpec(Integer.parseInt(parts[0]), 0, protocol, "");
                case 2 -> new PortSpec(Integer.parseInt(parts[1]), Integer.parseInt(parts[0]), protocol, "");
                case 3 -> new PortSpec(Integer.parseInt(parts[2]), Integer.parseInt(parts[1]), protocol, parts[0]);
                default -> throw new NumberFormatException(s);
            };
        } catch (NumberFormatException e) {
            throw ProviderException.permanent("docker: port '" + p.asText(p.toString()) + "' of " + resource
                    + " is not HOST:CONTAINER[/PROTOCOL] nor {container, host, protocol, hostIp}");
        }
    }

    PortSpec {
        if (container <= 0 || container > 65535 || host < 0 || host > 65535) {
            throw new NumberFormatException("port out of range");
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new NumberFormatException("protocol " + protocol);
        }
    }
}
