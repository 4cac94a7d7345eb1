package dev.threadstore.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TCP forwarder on 127.0.0.1 that a test can cut and restore, to play a database server that goes
 * down and comes back. {@link #cut()} closes every open connection and refuses new ones (they are
 * accepted and closed at once, as a restarting server does); {@link #restore()} forwards again.
 *
 * <p>It is bounded: it listens on the loopback address only, holds at most {@value #MAX_CONNECTIONS}
 * connections, runs on daemon threads, and shuts itself down after {@code lifetimeMillis} even if a
 * test forgets to close it. Shared with the reliability suite through this module's test jar.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;
    private final Thread reaper;
    private volatile boolean forwarding = true;
    private volatile boolean closed;
    private volatile int forwarded;
    private volatile int refused;

    /**
     * @param targetHost the server to forward to
     * @param targetPort its port
     * @param lifetimeMillis after this long the proxy closes itself
     * @throws IOException if the local port cannot be opened
     */
    public TcpProxy(String targetHost, int targetPort, long lifetimeMillis) throws IOException {
        this.target = new InetSocketAddress(Objects.requireNonNull(targetHost, "targetHost"), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + port());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
        this.reaper = new Thread(() -> {
            try {
                Thread.sleep(lifetimeMillis);
            } catch (InterruptedException e) {
                return;
            }
            close();
        }, "tcp-proxy-lifetime-" + port());
        this.reaper.setDaemon(true);
        this.reaper.start();
    }

    /** @return the local port clients connect to, on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    /** @return how many connections were forwarded, and how many were closed at once during a cut */
    public String stats() {
        return forwarded + " connections forwarded, " + refused + " refused during the cut";
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        forwarding = false;
        closeOpenSockets();
    }

    /** Forwards new connections again. */
    public void restore() {
        forwarding = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwarding = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        closeOpenSockets();
        reaper.interrupt();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!forwarding || !register(client)) {
                if (!forwarding) {
                    refused++;
                }
                quietlyClose(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                quietlyClose(client);
                quietlyClose(upstream);
                continue;
            }
            if (!register(upstream)) {
                quietlyClose(client);
                quietlyClose(upstream);
                continue;
            }
            forwarded++;
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private synchronized boolean register(Socket socket) {
        open.removeIf(Socket::isClosed);
        if (closed || open.size() >= MAX_CONNECTIONS) {
            return false;
        }
        open.add(socket);
        return true;
    }

    private void closeOpenSockets() {
        List<Socket> sockets;
        synchronized (this) {
            sockets = new ArrayList<>(open);
            open.clear();
        }
        sockets.forEach(TcpProxy::quietlyClose);
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other side or cut() closed the connection
            } catch (IOException e) {
                // same: the connection is gone
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
