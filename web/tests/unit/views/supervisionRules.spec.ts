import { describe, expect, it } from 'vitest'

import type {
  AnnualReport,
  RectificationCase,
  ReportRow,
  ReportView,
} from '@/api/supervision/types'
import {
  defaultReportYear,
  districtsOf,
  endOfDay,
  filterReports,
  mayEditReport,
  mayFileRectification,
  maySubmitReport,
  openItems,
  pendingRectification,
  reportYears,
  rowState,
  sha256Hex,
  yearFromQuery,
} from '@/views/Supervision/rules'

function report(state: AnnualReport['state']): AnnualReport {
  return {
    id: 1,
    year: 2015,
    community_code: '110101001001',
    serial: 'BJZHSQ-2013-3-000001',
    summary: 's',
    plan: 'p',
    residents_served: 0,
    services_online: 0,
    investment: 0,
    state,
    state_label: '',
    submitted_at: null,
    reviewed_by: '',
    reviewed_at: null,
    review_opinion: '',
    updated_at: '2016-01-05T09:00:00.000+08:00',
  }
}

function row(
  code: string,
  district: string,
  state: AnnualReport['state'] | null,
  overdue = false,
): ReportRow {
  return {
    community_code: code,
    community_name: `社区${code}`,
    district_code: district,
    district: district === '110101' ? '东城区' : '西城区',
    serial: '',
    star: 2,
    report: state ? report(state) : null,
    overdue,
  }
}

const campaign = {
  year: 2015,
  deadline: '2016-01-31T17:00:00.000+08:00',
  set_by: 'city_social',
  set_at: '',
}

describe('annual report rules', () => {
  const rows = [
    row('110101001001', '110101', 'accepted'),
    row('110101001002', '110101', 'returned', true),
    row('110102001001', '110102', null, true),
    row('110102001002', '110102', 'submitted'),
  ]

  it('filters by state, missing, overdue, district and a name fragment', () => {
    expect(filterReports(rows, { status: '', district: '', q: '' })).toHaveLength(4)
    expect(filterReports(rows, { status: 'overdue', district: '', q: '' }).map(rowState)).toEqual([
      'returned',
      'missing',
    ])
    expect(filterReports(rows, { status: 'missing', district: '', q: '' })).toHaveLength(1)
    expect(filterReports(rows, { status: 'submitted', district: '110101', q: '' })).toHaveLength(0)
    expect(filterReports(rows, { status: '', district: '110102', q: '' })).toHaveLength(2)
    expect(filterReports(rows, { status: '', district: '', q: '001002' })).toHaveLength(2)
  })

  it('lists the districts of a list once each, by code', () => {
    expect(districtsOf([...rows].reverse())).toEqual([
      { code: '110101', name: '东城区' },
      { code: '110102', name: '西城区' },
    ])
  })

  it('lets a community edit a draft or returned report only while the year is open', () => {
    const view = (state: AnnualReport['state'] | null, open = true): ReportView => ({
      campaign: open ? campaign : null,
      report: state ? report(state) : null,
      attachments: [],
      serial: '',
      overdue: false,
    })
    expect(mayEditReport(view(null))).toBe(true)
    expect(maySubmitReport(view(null))).toBe(false) // nothing saved yet
    expect(maySubmitReport(view('draft'))).toBe(true)
    expect(maySubmitReport(view('returned'))).toBe(true)
    expect(mayEditReport(view('submitted'))).toBe(false)
    expect(mayEditReport(view('accepted'))).toBe(false)
    expect(mayEditReport(view('draft', false))).toBe(false)
    expect(mayEditReport(null)).toBe(false)
  })

  it('turns a date into the end of that day in Beijing time, and refuses anything else', () => {
    expect(endOfDay('2027-01-31')).toBe('2027-01-31T23:59:59.999+08:00')
    expect(() => endOfDay('31/01/2027')).toThrow(RangeError)
  })

  it('opens on last year until December (Beijing time)', () => {
    expect(defaultReportYear(new Date('2026-11-29T12:00:00Z'))).toBe(2025)
    expect(defaultReportYear(new Date('2026-11-30T16:30:00Z'))).toBe(2026) // 1 Dec in Beijing
    expect(reportYears(new Date('2016-03-01T00:00:00Z'))).toEqual([2016, 2015, 2014])
  })

  it('reads a report year from the address, from 2014 to next year only', () => {
    const now = new Date('2026-11-29T12:00:00Z')
    expect(yearFromQuery('2015', now)).toBe(2015)
    expect(yearFromQuery('2027', now)).toBe(2027)
    expect(yearFromQuery('2028', now)).toBeNull()
    expect(yearFromQuery('2013', now)).toBeNull()
    expect(yearFromQuery('20x5', now)).toBeNull()
    expect(yearFromQuery(['2015'], now)).toBeNull()
    expect(yearFromQuery(undefined, now)).toBeNull()
  })
})

describe('rectification and annual check rules', () => {
  const rect = (states: AnnualReport['state'][]): RectificationCase => ({
    serial: 'BJZHSQ-2015-2-000023',
    community_code: '110101001001',
    community_name: '多福巷社区',
    district_code: '110101',
    star: 2,
    reason: '',
    deadline: null,
    sanctioned_at: '',
    reports: states.map((state, i) => ({
      id: i + 1,
      serial: 'BJZHSQ-2015-2-000023',
      sanction_id: 1,
      content: '',
      state,
      state_label: '',
      submitted_by: '',
      submitted_at: '',
      reviewed_by: '',
      reviewed_at: null,
      review_opinion: '',
      attachments: [],
    })),
    overdue: false,
    revocation_proposed: false,
  })

  it('files a new report unless one waits for review', () => {
    expect(mayFileRectification(rect([]))).toBe(true)
    expect(mayFileRectification(rect(['returned']))).toBe(true)
    expect(mayFileRectification(rect(['returned', 'submitted']))).toBe(false)
    expect(pendingRectification(rect(['returned', 'submitted']))?.id).toBe(2)
    expect(pendingRectification(rect(['returned']))).toBeNull()
  })

  it('counts the drawn communities without a result', () => {
    const item = (passed: boolean | null) => ({
      id: 1,
      year: 2015,
      serial: '',
      community_code: '',
      community_name: '',
      district_code: '',
      inspectors: [],
      passed,
      findings: '',
      action: null,
      action_label: '',
      recorded_by: '',
      recorded_at: null,
    })
    expect(openItems([item(null), item(true), item(false), item(null)])).toBe(2)
  })

  it('hashes the seed as the server does (SHA-256 of the UTF-8 bytes, lowercase hex)', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(await sha256Hex('种子')).toHaveLength(64)
  })
})
