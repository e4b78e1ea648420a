// First: configures zod before any schema (from @xiaojia/shared) is used.
import './setup/zod';

import { type PropsWithChildren, useState } from 'react';
import { ApiProvider } from './api/context';
import { createPlatformApiClient } from './api/platform';

function App({ children }: PropsWithChildren) {
  const [client] = useState(createPlatformApiClient);
  // children are the pages Taro renders.
  return <ApiProvider client={client}>{children}</ApiProvider>;
}

export default App;
