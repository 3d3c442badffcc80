import { createClient, NotFoundError, PermissionDeniedError } from '../src';
import { simulatorSession } from './support/simulator-session';

describe('networks and VM interfaces', () => {
  const session = simulatorSession();

  it('creates a network, attaches a VM to it, changes and detaches the interface, deletes the network', async () => {
    const { client } = session;
    const network = await client.networks.create({ name: 'backend', subnet: '10.20.0.0/24', gateway: '10.20.0.1' });
    expect(network).toMatchObject({ name: 'backend', subnet: '10.20.0.0/24', status: 'active' });
    expect((await client.networks.list()).items.map((n) => n.id)).toContain(network.id);
    expect((await client.networks.get(network.id)).gateway).toBe('10.20.0.1');

    const vm = await client.vms.create({ name: 'nic-host', memoryMb: 256 });
    const nic = await client.interfaces.attach(vm.id, { name: 'eth1', macAddress: '52:54:00:12:34:56', networkId: network.id, ipAddress: '10.20.0.5' });
    expect(nic).toMatchObject({ vmId: vm.id, networkId: network.id, name: 'eth1', status: 'attached' });
    expect((await client.interfaces.list(vm.id)).items.map((i) => i.id)).toEqual([nic.id]);
    const changed = await client.interfaces.update(vm.id, nic.id, { ipAddress: '10.20.0.9' });
    expect(changed.ipAddress).toBe('10.20.0.9');
    expect((await client.interfaces.get(vm.id, nic.id)).ipAddress).toBe('10.20.0.9');
    await client.interfaces.detach(vm.id, nic.id);
    await expect(client.interfaces.get(vm.id, nic.id)).rejects.toBeInstanceOf(NotFoundError);

    await client.networks.delete(network.id);
    await expect(client.networks.get(network.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('only an admin may create networks', async () => {
    const operator = createClient({ baseUrl: session.sim.url, email: 'operator@novacron.local', password: 'operator123', env: {} });
    await expect(operator.networks.create({ name: 'nope', subnet: '10.30.0.0/24' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await operator.close();
  });
});
