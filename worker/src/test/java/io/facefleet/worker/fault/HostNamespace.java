package io.facefleet.worker.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A second host on this machine: a network namespace joined to this one by a veth pair, {@code 10.79.N.1} on this
 * side and {@code 10.79.N.2} inside (iproute2; needs root). A process started in it reaches this machine's servers
 * only through the link, so taking the link down inside the namespace cuts that host off as a failed NIC or switch
 * port would: its open connections stay open but nothing gets through until the link is up again.
 */
final class HostNamespace implements AutoCloseable {

    private final String name;
    private final String outside;
    private final String inside;
    private final int subnet;

    private HostNamespace(String name, int subnet) {
        this.name = name;
        this.subnet = subnet;
        this.outside = "ffh" + subnet;
        this.inside = "ffn" + subnet;
    }

    static HostNamespace create(String label) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("This test makes a network namespace (ip netns, veth) and must run as root");
        }
        int subnet = ThreadLocalRandom.current().nextInt(1, 255);
        HostNamespace host = new HostNamespace("ff-" + label + "-" + subnet, subnet);
        try {
            Commands.run(List.of("ip", "netns", "add", host.name));
            Commands.run(List.of("ip", "link", "add", host.outside, "type", "veth", "peer", "name", host.inside));
            Commands.run(List.of("ip", "link", "set", host.inside, "netns", host.name));
            Commands.run(List.of("ip", "addr", "add", host.hostAddress() + "/30", "dev", host.outside));
            Commands.run(List.of("ip", "link", "set", host.outside, "up"));
            host.inside("ip", "addr", "add", host.address() + "/30", "dev", host.inside);
            host.inside("ip", "link", "set", "lo", "up");
            host.inside("ip", "link", "set", host.inside, "up");
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** This machine's address as the namespace sees it: where its processes find PostgreSQL and Redis. */
    String hostAddress() {
        return "10.79." + subnet + ".1";
    }

    /** The namespace's own address. */
    String address() {
        return "10.79." + subnet + ".2";
    }

    /** The command, run inside the namespace ({@code ip netns exec} execs it: the process id stays the same). */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", name));
        wrapped.addAll(command);
        return wrapped;
    }

    void linkDown() {
        inside("ip", "link", "set", inside, "down");
    }

    void linkUp() {
        inside("ip", "link", "set", inside, "up");
    }

    private void inside(String... command) {
        Commands.run(wrap(List.of(command)));
    }

    /** Deletes the namespace, which takes both ends of the veth pair with it. */
    @Override
    public void close() {
        try {
            Commands.run(List.of("ip", "netns", "del", name));
        } catch (RuntimeException e) {
            System.err.println("Could not delete network namespace " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name + " (" + address() + ")";
    }
}
