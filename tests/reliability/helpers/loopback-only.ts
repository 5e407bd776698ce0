import nock from 'nock';

// The suite talks only to servers it starts itself on loopback: the emulator, Waypoint's app, the webhook relay.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
