import { describe, expect, it } from 'vitest';
import { EventChannel } from './event-channel';
import { createPage } from './page-instance';
import { PageStack } from './page-stack';

describe('EventChannel between an opener and the page it opened', () => {
  it('delivers events both ways, once-listeners only once', () => {
    const heard: string[] = [];
    const channel = new EventChannel({ fromOpened: (value: unknown) => heard.push(`opener got ${String(value)}`) });
    channel.once('fromOpener', (value) => heard.push(`opened got ${String(value)}`));
    channel.emit('fromOpener', 1);
    channel.emit('fromOpener', 2);
    channel.emit('fromOpened', 3);
    expect(heard).toEqual(['opened got 1', 'opener got 3']);
  });

  it('is what the opened page gets from getOpenerEventChannel, already in onLoad', () => {
    const channel = new EventChannel({ acknowledged: () => heard.push('opener heard onLoad') });
    const heard: string[] = [];
    const stack = new PageStack({
      openPage: (path, query) =>
        createPage(1, path, query, {
          page: {
            onLoad(this: { getOpenerEventChannel(): EventChannel }) {
              this.getOpenerEventChannel().emit('acknowledged');
            },
          },
        }, () => {}),
      send: () => {},
      isPage: () => true,
      tabPages: () => [],
    });
    stack.navigateTo('/detail', channel);
    expect(heard).toEqual(['opener heard onLoad']);
  });
});
