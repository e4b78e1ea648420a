import { Button, Text, View } from '@tarojs/components';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../test/support/homes';
import { id } from '../../test/support/ids';
import { appError, renderWithApi, textOf } from '../../test/support/screen';
import { currentHomeStore } from './current-home';
import { useCurrentHome } from './use-current-home';

function Probe() {
  const current = useCurrentHome();
  return (
    <View>
      <Text id="state">
        {current.isPending ? 'pending' : current.noHome ? 'none' : `${current.homeId}:${current.role}`}
      </Text>
      {current.homes.map((h) => (
        <Button key={h.id} id={`to-${h.id}`} onClick={() => void current.switchTo(h.id)}>
          {h.name}
        </Button>
      ))}
    </View>
  );
}

describe('useCurrentHome', () => {
  beforeEach(forgetCurrentHome);
  afterEach(cleanup);

  it('starts at the first home, switches, and remembers the switch', async () => {
    const api = renderWithApi(<Probe />, {
      'homes.list': () => homeList(home(id('h1')), home(id('h2'), 'viewer')),
    });
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h1')}:owner`));
    fireEvent.click(document.querySelector(`#to-${id('h2')}`) as HTMLElement);
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h2')}:viewer`));
    expect(currentHomeStore.peek()).toBe(id('h2'));
    expect(api.callsTo('homes.list').length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a remembered home, and falls back to the first when the user is no longer in it', async () => {
    await currentHomeStore.set(id('h2'));
    let homes = [home(id('h1')), home(id('h2'), 'member')];
    const api = renderWithApi(<Probe />, { 'homes.list': () => homeList(...homes) });
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h2')}:member`));
    homes = [home(id('h1'))];
    await api.queryClient.invalidateQueries();
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h1')}:owner`));
    await waitFor(() => expect(currentHomeStore.peek()).toBe(id('h1')));
  });

  it('asks again for the homes when the current home refuses the user (they were removed)', async () => {
    let homes = [home(id('h1'), 'member'), home(id('h2'))];
    const api = renderWithApi(<Probe />, { 'homes.list': () => homeList(...homes) });
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h1')}:member`));
    homes = [home(id('h2'))];
    await api.queryClient
      .fetchQuery({
        queryKey: [['photos', 'list'], { input: { homeId: id('h1') }, type: 'query' }],
        queryFn: () => Promise.reject(appError('NOT_FOUND')),
      })
      .catch(() => undefined);
    await waitFor(() => expect(textOf('#state')).toBe(`${id('h2')}:owner`));
  });

  it('says so when the user is in no home at all', async () => {
    renderWithApi(<Probe />, { 'homes.list': () => homeList() });
    await waitFor(() => expect(textOf('#state')).toBe('none'));
  });
});
