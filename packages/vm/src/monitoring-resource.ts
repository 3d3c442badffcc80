import { requireId, validateInput, type CoreClient, type PagePromise, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  AlertWireSchema,
  MonitoringSummaryWireSchema,
  VmMonitoringWireSchema,
  alertFromWire,
  monitoringSummaryFromWire,
  vmMonitoringFromWire,
  type Alert,
  type AlertSeverity,
  type AlertStatus,
  type MonitoringSummary,
  type VmMonitoring,
} from './schemas/monitoring-schema';

export interface ListAlertsParams {
  severity?: AlertSeverity;
  status?: AlertStatus;
  vmId?: string;
  acknowledged?: boolean;
  /** Items per page (1–500). */
  pageSize?: number;
  /** Start at this page (1-based). */
  page?: number;
}

export interface PageParams {
  pageSize?: number;
  page?: number;
}

const pageSize = z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(500, 'must be at most 500')));
const page = z.optional(z.int().check(z.minimum(1, 'must be at least 1')));

const PageParamsSchema = z.object({ pageSize, page });

const ListAlertsParamsSchema = z.object({
  severity: z.optional(z.enum(ALERT_SEVERITIES)),
  status: z.optional(z.enum(ALERT_STATUSES)),
  vmId: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  acknowledged: z.optional(z.boolean()),
  pageSize,
  page,
});

/**
 * Monitoring (`/api/v1/monitoring/*`): the fleet summary, current metrics per VM, and alerts with
 * acknowledgement. For a live feed of alerts use `@novacron/events`' alert stream.
 */
export class MonitoringResource {
  constructor(private readonly core: CoreClient) {}

  /** Fleet-wide current usage, change over the last hour and a short series for charts. */
  async summary(options?: RequestOptions): Promise<MonitoringSummary> {
    return monitoringSummaryFromWire(await this.core.request({ method: 'GET', path: '/monitoring/metrics', schema: MonitoringSummaryWireSchema }, options));
  }

  /** Current metrics of every VM of the tenant, paginated. */
  vms(params: PageParams = {}, options?: RequestOptions): PagePromise<VmMonitoring> {
    const p = validateInput(PageParamsSchema, params, 'page parameters');
    return this.core.list(
      { method: 'GET', path: '/monitoring/vms', pageSize: p.pageSize, startPage: p.page, schema: z.array(VmMonitoringWireSchema) },
      vmMonitoringFromWire,
      options,
    );
  }

  /** Alerts, oldest first, filtered by severity, status, VM and acknowledgement. */
  alerts(params: ListAlertsParams = {}, options?: RequestOptions): PagePromise<Alert> {
    const p = validateInput(ListAlertsParamsSchema, params, 'alert list parameters');
    return this.core.list(
      {
        method: 'GET',
        path: '/monitoring/alerts',
        query: { severity: p.severity, status: p.status, vm_id: p.vmId, acknowledged: p.acknowledged === undefined ? undefined : String(p.acknowledged) },
        pageSize: p.pageSize,
        startPage: p.page,
        schema: z.array(AlertWireSchema),
      },
      alertFromWire,
      options,
    );
  }

  /** Mark an alert as seen; it stays firing until its condition ends. */
  async acknowledge(alertId: string, options?: RequestOptions): Promise<Alert> {
    const wire = await this.core.request(
      { method: 'POST', path: '/monitoring/alerts/{id}/acknowledge', params: { id: requireId(alertId, 'alert id') }, schema: AlertWireSchema },
      options,
    );
    return alertFromWire(wire);
  }
}
