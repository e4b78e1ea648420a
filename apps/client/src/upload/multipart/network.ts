/** The browser's network state for the multipart uploader: navigator.onLine and its online/offline events. */
import type { NetworkMonitor } from './net-gate';

export function platformNetwork(): NetworkMonitor {
  return {
    online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    subscribe(listener) {
      if (typeof window === 'undefined') return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
  };
}
