package org.dartboard.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Whether a node can listen where it is told to, checked before Ignite starts: Ignite's own failure says
 * only "Address already in use", without the port, and a node's operator must know which option to
 * change. Binding a socket and closing it at once sends nothing on the network.
 */
final class ListenCheck {

    private ListenCheck() {
    }

    /**
     * Why no node can listen on {@code address} of this machine, or null when it can. Tried with a socket
     * on a free port rather than looked up among the interfaces: all of 127.0.0.0/8 is this machine's,
     * though only 127.0.0.1 is on an interface.
     */
    static String addressProblem(String address) {
        InetAddress resolved;
        try {
            resolved = InetAddress.getByName(address);
        } catch (UnknownHostException unknown) {
            return address + " is not a known host name (give an address of this machine, e.g. 192.168.1.12)";
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(resolved, 0));
            return null;
        } catch (IOException foreign) {
            return address + " is not an address of this machine (" + foreign.getMessage() + "): give one of its"
                    + " own, e.g. from 'ip address', or 0.0.0.0 for all of them";
        }
    }

    /** Why nothing can listen on {@code port} of {@code address} now (another program has it, say), or null. */
    static String portProblem(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As Ignite binds: connections of a node that has just stopped, still closing, do not count.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException taken) {
            return "cannot listen on " + address + ":" + port + " (" + taken.getMessage()
                    + "): another node or program may be using it; stop it, or choose another port";
        }
    }
}
