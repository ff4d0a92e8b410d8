export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

// ping and pong call each other: the fixed point must still end.
export function ping(n = 3) {
  return n > 0 ? pong(n - 1) : 0;
}

function pong(n) {
  return ping(n);
}
