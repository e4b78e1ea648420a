/**
 * Photos answer the app's own long-press (the grid's action sheet) and gestures (the viewer): mark their
 * element with PHOTO_TOUCH_CLASS so the browser adds no image menu of its own on top (the callout and
 * selection through CSS; Android Chrome's and the desktop's context menu through the listener below).
 */
import './photo-touch.css';

export const PHOTO_TOUCH_CLASS = 'photo-touch';

if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  document.addEventListener('contextmenu', (event) => {
    if (event.target instanceof Element && event.target.closest(`.${PHOTO_TOUCH_CLASS}`)) event.preventDefault();
  });
}
