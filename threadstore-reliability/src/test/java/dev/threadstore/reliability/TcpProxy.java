package dev.threadstore.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP forwarder on 127.0.0.1 that the outage scenario cuts and restores, to play a database that
 * goes away and comes back. {@link #cut()} closes every open connection and closes new ones at once;
 * {@link #restore()} forwards again. Bounded: loopback only, at most 64 connections, daemon threads,
 * and it closes itself after {@code lifetimeMillis}.
 */
final class TcpProxy implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean forwarding = true;
    private volatile boolean closed;
    private volatile int accepted;
    private volatile int refused;

    TcpProxy(String host, int port, long lifetimeMillis) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("tcp-proxy-accept", this::acceptLoop);
        daemon("tcp-proxy-lifetime", () -> {
            try {
                Thread.sleep(lifetimeMillis);
            } catch (InterruptedException e) {
                return;
            }
            close();
        });
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return connections forwarded and connections closed at once during a cut */
    String stats() {
        return accepted + " connections forwarded, " + refused + " refused during the cut";
    }

    void cut() {
        forwarding = false;
        closeAll();
    }

    void restore() {
        forwarding = true;
    }

    @Override
    public void close() {
        closed = true;
        forwarding = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        closeAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!forwarding) {
                refused++;
                quietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                quietly(client);
                continue;
            }
            synchronized (this) {
                open.removeIf(Socket::isClosed);
                if (closed || !forwarding || open.size() >= MAX_CONNECTIONS) {
                    quietly(client);
                    quietly(upstream);
                    continue;
                }
                open.add(client);
                open.add(upstream);
            }
            accepted++;
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void closeAll() {
        List<Socket> sockets;
        synchronized (this) {
            sockets = new ArrayList<>(open);
            open.clear();
        }
        sockets.forEach(TcpProxy::quietly);
    }

    private static void pump(Socket from, Socket to) {
        daemon("tcp-proxy-pump", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                quietly(from);
                quietly(to);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
