/**
 * The page's script: sign in with the SDK, list the fleet, and keep it current from the event
 * stream. The API's address comes from `?api=` (the page is served from another origin than the
 * API, so every call is a CORS request and the stream authenticates by its first message).
 */
import { createClient, type NovaCronClient, type Vm } from '@novacron/sdk';
import type { NovaEvent } from '@novacron/sdk/events';

const apiUrl = new URL(location.href).searchParams.get('api') ?? location.origin;
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const fleet = new Map<string, Vm>();

function renderFleet(): void {
  const rows = [...fleet.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((vm) => {
      const row = document.createElement('tr');
      row.dataset.vmId = vm.id;
      for (const [text, cls] of [[vm.name, ''], [vm.state, `state-${vm.state}`], [vm.nodeId ?? '—', ''], [String(vm.cpuShares ?? '—'), ''], [vm.memoryMb === null ? '—' : `${vm.memoryMb} MB`, '']] as const) {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (cls) cell.className = cls;
        row.append(cell);
      }
      return row;
    });
  byId('vms').replaceChildren(...rows);
}

function showEvent(event: NovaEvent): void {
  const item = document.createElement('li');
  item.dataset.eventType = event.type;
  item.dataset.resourceId = event.resourceId;
  const time = document.createElement('time');
  time.textContent = event.timestamp.slice(11, 19);
  item.append(time, `${event.type} ${event.resourceType}/${event.resourceId}`);
  const list = byId('events');
  list.prepend(item);
  while (list.children.length > 200) list.lastElementChild?.remove();
}

async function open(client: NovaCronClient): Promise<void> {
  const page = await client.vms.list({ pageSize: 100 });
  for (const vm of page.items) fleet.set(vm.id, vm);
  renderFleet();
  byId('dashboard').hidden = false;
  const stream = await client.events();
  const status = (state: string) => (byId('status').textContent = `events: ${state}`);
  stream.onState(({ state }) => status(state));
  stream.on('*', (event) => {
    showEvent(event);
    if (event.resourceType !== 'vm') return;
    if (event.type === 'vm.deleted') {
      fleet.delete(event.resourceId);
      renderFleet();
      return;
    }
    // The event carries the wire shape; the SDK's get() returns the mapped VM.
    client.vms.get(event.resourceId).then(
      (fresh) => {
        fleet.set(fresh.id, fresh);
        renderFleet();
      },
      () => undefined,
    );
  });
  await stream.start();
  status(stream.connectionState);
}

byId<HTMLFormElement>('login').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const form = new FormData(submit.target as HTMLFormElement);
  const client = createClient({ baseUrl: apiUrl, email: String(form.get('email')), password: String(form.get('password')) });
  byId('error').hidden = true;
  client
    .me()
    .then((user) => {
      byId('status').textContent = `signed in as ${user.email}`;
      byId('login').hidden = true;
      return open(client);
    })
    .catch((error: unknown) => {
      byId('error').textContent = error instanceof Error ? error.message : String(error);
      byId('error').hidden = false;
    });
});
