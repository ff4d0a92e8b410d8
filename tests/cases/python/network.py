import asyncio
import socket


async def connect(host: str, port: int) -> bytes:
    sock = socket.create_connection((host, port), timeout=5)  # expect: PY201
    sock.close()
    addrs = socket.getaddrinfo(host, port)  # expect: PY201
    name = socket.gethostbyaddr(addrs[0][4][0])  # expect: PY201
    ex = socket.gethostbyname_ex(host)  # expect: PY201
    return repr((name, ex)).encode()


async def connect_ok(host: str, port: int) -> bytes:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port)  # ok: loop.getaddrinfo
    reader, writer = await asyncio.open_connection(host, port)  # ok: asyncio streams
    writer.write(b"PING\r\n")  # ok: buffered, non-blocking
    line = await reader.readline()  # ok: awaited
    writer.close()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # ok: creating a socket does no I/O
    s.setblocking(False)
    await loop.sock_connect(s, infos[0][4])  # ok: loop.sock_connect
    s.close()
    return line


async def non_blocking_socket(path: str) -> None:
    raw = socket.socket(socket.AF_UNIX)
    raw.setblocking(False)
    try:
        raw.connect(path)  # ok: a non-blocking socket returns at once
    except BlockingIOError:
        pass
    other = socket.socket(socket.AF_UNIX)
    other.connect(path)  # expect: PY201
