import asyncio
import os
import subprocess


async def run_tools(target: str) -> str:
    subprocess.call(["make", target])  # expect: PY201
    out = subprocess.check_output(["git", "status", "--short"])  # expect: PY201
    status = subprocess.getoutput("uptime")  # expect: PY201
    code, text = subprocess.getstatusoutput("df -h")  # expect: PY201
    proc = subprocess.Popen(["sleep", "1"])  # expect: PY201
    proc.wait()  # expect: PY201
    os.system("sync")  # expect: PY201
    pid = os.fork()  # ok: fork returns at once
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # expect: PY201
    return out.decode() + status + text + str(code)


async def run_tools_ok(target: str) -> str:
    proc = await asyncio.create_subprocess_exec("make", target, stdout=asyncio.subprocess.PIPE)  # ok: asyncio
    out, _ = await proc.communicate()  # ok: awaited
    env = os.environ.get("PATH", "")  # ok: no I/O
    return out.decode() + env + str(os.getpid())  # ok: no I/O
