import type { EventEnvelope } from '../../events/event-log';
import { notFound } from '../http/http-error';
import { metricsPoint } from './metrics-generator';
import { inScope, type TenantScope } from './tenant-scope';
import type { World } from './world';

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_METRICS = ['cpu', 'memory', 'disk'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Percent levels at which a VM metric fires a warning, then a critical alert. */
export type AlertThresholds = Record<AlertMetric, { warning: number; critical: number }>;

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  cpu: { warning: 85, critical: 95 },
  memory: { warning: 85, critical: 95 },
  disk: { warning: 90, critical: 97 },
};

/** An alert as `/monitoring/alerts` serves it (snake_case; upstream serves `[]` and defines no shape). */
export interface AlertRecord {
  id: string;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  description: string;
  /** `vm` or `node`. */
  source: string;
  resource_id: string;
  vm_id: string | null;
  node_id: string | null;
  /** `cpu`, `memory`, `disk`, `vm_failed` or `node_down`. */
  metric: string;
  value: number | null;
  threshold: number | null;
  labels: Record<string, string>;
  tenant_id: string;
  started_at: string;
  updated_at: string;
  resolved_at: string | null;
  acknowledged: boolean;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export type AlertChangeKind = 'fired' | 'updated' | 'resolved' | 'acknowledged';
export type AlertListener = (kind: AlertChangeKind, alert: AlertRecord) => void;

const METRIC_FIELD: Record<AlertMetric, 'cpu_usage' | 'memory_usage' | 'disk_usage'> = { cpu: 'cpu_usage', memory: 'memory_usage', disk: 'disk_usage' };

/**
 * Alerts from the world: a running VM's metric above its threshold (evaluated at the simulated
 * clock, so a pinned clock gives the same alerts every run), a failed VM and a node that went down.
 * One alert per (resource, metric) at a time: it fires, may escalate, and resolves when the
 * condition ends; acknowledging it only marks it.
 */
export class AlertService {
  private readonly alerts = new Map<string, AlertRecord>();
  /** The open alert of each (resource, metric). */
  private readonly open = new Map<string, AlertRecord>();
  private readonly listeners = new Set<AlertListener>();
  private counter = 0;
  thresholds: AlertThresholds = structuredClone(DEFAULT_ALERT_THRESHOLDS);

  constructor(private readonly world: World) {
    world.events.subscribe((event) => this.onEvent(event));
  }

  /** Compares every VM's metrics now with the thresholds; fires, escalates and resolves. */
  evaluate(): void {
    const nowSeconds = this.world.nowMs() / 1000;
    const seen = new Set<string>();
    for (const { vm } of this.world.vms.all()) {
      if (vm.state !== 'running') continue;
      const sample = metricsPoint(this.world.seed, vm.id, nowSeconds);
      for (const metric of ALERT_METRICS) {
        const key = `${vm.id}:${metric}`;
        const value = sample[METRIC_FIELD[metric]];
        const level = this.thresholds[metric];
        const severity: AlertSeverity | undefined = value >= level.critical ? 'critical' : value >= level.warning ? 'warning' : undefined;
        if (!severity) continue;
        seen.add(key);
        const threshold = severity === 'critical' ? level.critical : level.warning;
        this.raise(key, {
          severity,
          title: `${metric} usage ${severity} on ${vm.name}`,
          description: `${metric} at ${value}% (threshold ${threshold}%)`,
          source: 'vm',
          resource_id: vm.id,
          vm_id: vm.id,
          node_id: vm.node_id,
          metric,
          value,
          threshold,
          labels: { vm_name: vm.name, metric, cloud_provider: vm.cloud_provider, region: vm.region },
          tenant_id: vm.tenant_id,
        });
      }
    }
    for (const [key, alert] of this.open) {
      if ((ALERT_METRICS as readonly string[]).includes(alert.metric) && !seen.has(key)) this.resolve(key);
    }
  }

  list(scope: TenantScope, filter: { severity?: string | undefined; status?: string | undefined; vmId?: string | undefined; acknowledged?: boolean | undefined } = {}): AlertRecord[] {
    const out: AlertRecord[] = [];
    for (const alert of this.alerts.values()) {
      if (!inScope(scope, alert.tenant_id)) continue;
      if (filter.severity !== undefined && alert.severity !== filter.severity) continue;
      if (filter.status !== undefined && alert.status !== filter.status) continue;
      if (filter.vmId !== undefined && alert.vm_id !== filter.vmId) continue;
      if (filter.acknowledged !== undefined && alert.acknowledged !== filter.acknowledged) continue;
      out.push(alert);
    }
    return out;
  }

  acknowledge(scope: TenantScope, id: string, by: string): AlertRecord {
    const alert = this.alerts.get(id);
    if (!alert || !inScope(scope, alert.tenant_id)) throw notFound('alert');
    if (alert.acknowledged) return alert;
    alert.acknowledged = true;
    alert.acknowledged_by = by;
    alert.acknowledged_at = this.world.now();
    alert.updated_at = alert.acknowledged_at;
    this.emit('acknowledged', alert);
    return alert;
  }

  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onEvent(event: EventEnvelope): void {
    const data = event.data as { vm?: { name?: string; node_id?: string | null }; from?: string; to?: string; error_message?: string };
    switch (event.type) {
      case 'vm.failed':
        this.raise(`${event.resource_id}:vm_failed`, {
          severity: 'critical',
          title: `VM ${data.vm?.name ?? event.resource_id} failed`,
          description: data.error_message ?? 'the VM failed',
          source: 'vm',
          resource_id: event.resource_id,
          vm_id: event.resource_id,
          node_id: data.vm?.node_id ?? null,
          metric: 'vm_failed',
          value: null,
          threshold: null,
          labels: { vm_name: data.vm?.name ?? '' },
          tenant_id: event.tenant_id,
        });
        return;
      case 'vm.state_changed':
        if (data.to === 'running' || data.to === 'stopped') this.resolve(`${event.resource_id}:vm_failed`);
        return;
      case 'vm.deleted':
        for (const key of [...this.open.keys()]) if (key.startsWith(`${event.resource_id}:`)) this.resolve(key);
        return;
      case 'node.failure':
        this.raise(`${event.resource_id}:node_down`, {
          severity: 'critical',
          title: `Node ${event.resource_id} is offline`,
          description: 'the node stopped answering; its VMs failed',
          source: 'node',
          resource_id: event.resource_id,
          vm_id: null,
          node_id: event.resource_id,
          metric: 'node_down',
          value: null,
          threshold: null,
          labels: { cloud_provider: event.cloud_provider, region: event.region },
          tenant_id: '*',
        });
        return;
      case 'node.recovered':
        this.resolve(`${event.resource_id}:node_down`);
        return;
    }
  }

  private raise(key: string, fields: Omit<AlertRecord, 'id' | 'status' | 'started_at' | 'updated_at' | 'resolved_at' | 'acknowledged' | 'acknowledged_by' | 'acknowledged_at'>): void {
    const now = this.world.now();
    const current = this.open.get(key);
    if (current) {
      if (current.severity === fields.severity) return;
      Object.assign(current, fields, { updated_at: now });
      this.emit('updated', current);
      return;
    }
    const alert: AlertRecord = {
      // A counter, not the seeded random: evaluating alerts must not shift the ids of other resources.
      id: `alert-${++this.counter}`,
      status: 'firing',
      started_at: now,
      updated_at: now,
      resolved_at: null,
      acknowledged: false,
      acknowledged_by: null,
      acknowledged_at: null,
      ...fields,
    };
    this.alerts.set(alert.id, alert);
    this.open.set(key, alert);
    this.emit('fired', alert);
  }

  private resolve(key: string): void {
    const alert = this.open.get(key);
    if (!alert) return;
    this.open.delete(key);
    alert.status = 'resolved';
    alert.resolved_at = this.world.now();
    alert.updated_at = alert.resolved_at;
    this.emit('resolved', alert);
  }

  private emit(kind: AlertChangeKind, alert: AlertRecord): void {
    for (const listener of this.listeners) listener(kind, alert);
  }
}
