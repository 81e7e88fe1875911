/** Calls `frame` with the time since the previous frame, on every animation frame, until the returned function is called. */
export function animationFrames(frame: (elapsedMs: number) => void): () => void {
  let previous: number | null = null;
  let handle = requestAnimationFrame(function step(time) {
    frame(previous === null ? 0 : time - previous);
    previous = time;
    handle = requestAnimationFrame(step);
  });
  return () => cancelAnimationFrame(handle);
}

/** True while the reader's system asks for reduced motion; follows changes. */
export function watchReducedMotion(changed: (reduced: boolean) => void): () => void {
  const query = matchMedia('(prefers-reduced-motion: reduce)');
  const listener = () => changed(query.matches);
  listener();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
