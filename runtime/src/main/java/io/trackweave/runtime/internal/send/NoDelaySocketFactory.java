package io.trackweave.runtime.internal.send;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Without it, a request whose headers and body leave in separate
 * writes meets the peer's delayed ACK (about 40 ms on loopback) and throughput collapses.
 */
final class NoDelaySocketFactory extends SocketFactory {
  private static Socket tune(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }

  @Override
  public Socket createSocket() throws IOException {
    return tune(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tune(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return tune(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tune(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return tune(new Socket(address, port, localAddress, localPort));
  }
}
