/** Browser-side helpers of the wall: the few places that touch the DOM directly, outside the components. */

/** Loads and decodes a picture off screen; true once it can be drawn at once, false when it failed. */
export function loadImage(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const image = new Image();
    image.decoding = 'async';
    image.referrerPolicy = 'no-referrer';
    image.onload = () => {
      // decode() makes the first paint of the card instant; a browser that cannot decode ahead still loaded it.
      image.decode().then(
        () => resolve(image.naturalWidth > 0),
        () => resolve(image.naturalWidth > 0),
      );
    };
    image.onerror = () => resolve(false);
    image.src = url;
  });
}
