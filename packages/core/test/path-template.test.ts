import { compileTemplate, fillTemplate } from '../src/internal/path-template';

describe('path templates', () => {
  it('fills parameters, encoded, in place', () => {
    const t = compileTemplate('/api/v1/vms/{vmId}/interfaces/{id}');
    expect(t.names).toEqual(['vmId', 'id']);
    expect(fillTemplate(t, { vmId: 'vm 1', id: 'a/b' })).toBe('/api/v1/vms/vm%201/interfaces/a%2Fb');
    expect(fillTemplate(compileTemplate('/health'), undefined)).toBe('/health');
    expect(fillTemplate(compileTemplate('/vms/{id}'), {})).toBe('/vms/');
    expect(fillTemplate(compileTemplate('/odd/{open'), { open: 'x' })).toBe('/odd/{open');
  });
});
