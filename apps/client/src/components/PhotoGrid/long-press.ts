/**
 * Long-press on a grid photo, so that the sheet it opens stays open on a touch screen. Taro's H5 view
 * fires longpress after 350 ms while the finger is still down; when the finger then lifts, the browser
 * still counts a tap and sends a click to whatever is under the finger by then: the sheet's overlay,
 * which closes the sheet at once. Ending that touch with preventDefault keeps the click from being sent.
 */

/** A long press fired during the touch that has not ended yet. */
let pressing = false;

export const longPress = {
  /** The cell's onLongPress: marks the touch, then runs the action (e.g. the action sheet). */
  fire(action: () => void): void {
    pressing = true;
    action();
  },
  /** The cell's onTouchEnd (React Native's events may carry no preventDefault: it has no such click). */
  release(event: { preventDefault?(): void }): void {
    if (!pressing) return;
    pressing = false;
    event.preventDefault?.();
  },
};
