"""A loopback TCP relay that delays every byte by a fixed time each way: a network round trip.

Why: on loopback a request's round trip is microseconds, so timing parallel
work against a local server measures CPU, not the waiting that parallelism
exists to overlap. Against S3 each request waits for the network and for S3
itself (tens of milliseconds in region, ~200 ms from a US runner to
ap-southeast-1). Put this relay between a client and a real local server
(moto) and every request pays that wait, the server stays the real one.

Each direction of each connection is a pipe: a chunk read at time t is
written at t + delay, in order, however many are in flight (propagation
delay, no bandwidth limit). It runs in its own process, so its work never
competes with the client's interpreter lock:

    with latency_relay(HOST, port, one_way_ms=10) as relay_port:
        ...  # talk to 127.0.0.1:relay_port, a 20 ms round trip from the server on `port`

    python -m harness.latency_relay TARGET_PORT ONE_WAY_MS   # prints its own port, runs until killed
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HOST = "127.0.0.1"
CHUNK = 65536
REPO_ROOT = Path(__file__).resolve().parents[1]


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    """Copy `reader` to `writer`, each chunk `delay` seconds after it arrived; close at EOF."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def receive() -> None:
        try:
            while chunk := await reader.read(CHUNK):
                queue.put_nowait((loop.time() + delay, chunk))
        except ConnectionError:
            pass  # a reset is an end like any other
        finally:
            queue.put_nowait((loop.time() + delay, b""))

    receiving = asyncio.create_task(receive())
    try:
        while True:
            due, chunk = await queue.get()
            await asyncio.sleep(max(0.0, due - loop.time()))
            if not chunk:
                break
            writer.write(chunk)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        receiving.cancel()
        with contextlib.suppress(ConnectionError, RuntimeError):
            if writer.can_write_eof():
                writer.write_eof()  # half-close: the other direction may still be answering


async def _serve(target_port: int, delay: float) -> None:
    running: set[asyncio.Task] = set()  # asyncio keeps only weak references to tasks

    async def relay(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            running.add(task)
            task.add_done_callback(running.discard)
        try:
            server_reader, server_writer = await asyncio.open_connection(HOST, target_port)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(
                _pipe(client_reader, server_writer, delay),
                _pipe(server_reader, client_writer, delay),
            )
        finally:
            for writer in (client_writer, server_writer):
                writer.close()

    server = await asyncio.start_server(relay, HOST, 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


@contextlib.contextmanager
def latency_relay(target_port: int, one_way_ms: float) -> Iterator[int]:
    """Run a relay to `127.0.0.1:target_port` in a child process; yields the port to connect to."""
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.latency_relay", str(target_port), str(one_way_ms)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        line = process.stdout.readline().strip() if process.stdout else ""
        if not line.isdigit():
            raise RuntimeError(f"the latency relay did not start (exit code {process.poll()})")
        yield int(line)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def main(argv: list[str]) -> int:
    usage = "usage: python -m harness.latency_relay TARGET_PORT ONE_WAY_MS (a port, and milliseconds >= 0)"
    try:
        target_port, one_way_ms = int(argv[0]), float(argv[1])
    except (IndexError, ValueError):
        target_port, one_way_ms = 0, -1.0
    if len(argv) != 2 or not 0 < target_port < 65536 or one_way_ms < 0:
        print(f"{usage}; got {' '.join(argv) or 'nothing'}", file=sys.stderr)
        return 2
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(target_port, one_way_ms / 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
