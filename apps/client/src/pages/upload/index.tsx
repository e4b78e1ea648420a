/**
 * Upload: the app's queue and picker on the upload screen (UploadScreen.tsx). The queue itself lives
 * outside this page (src/upload), so leaving the page, or a session expiring and signing in again, does
 * not lose it.
 */
import { useState } from 'react';
import { useApi } from '../../api/context';
import { useCurrentHome } from '../../home';
import { getUploadQueue } from '../../upload';
import { storedUploads } from '../../upload/multipart';
import { pickPhotos } from '../../upload/picker';
import { UploadScreen } from './UploadScreen';
import './index.css';

export default function UploadPage() {
  const api = useApi();
  const [queue] = useState(() => getUploadQueue(api));
  const [stored] = useState(() => storedUploads(api));
  const { home } = useCurrentHome();
  return <UploadScreen home={home} queue={queue} pickPhotos={pickPhotos} stored={stored} />;
}
