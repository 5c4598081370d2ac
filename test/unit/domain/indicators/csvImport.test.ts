import { describe, expect, it } from 'vitest';
import {
  formatIndicatorCsv,
  formatIndicatorCsvRows,
  parseIndicatorCsv,
  PORTAL_CSV_COLUMNS,
  toSubmitBody,
  validateIndicatorRows,
  type IndicatorCsvRow,
} from '../../../../src/domain/indicators/index.js';
import { app, daysFromNow, NOW, person } from './factory.js';

const HEADER = PORTAL_CSV_COLUMNS.join(',');
const FUTURE = '2027-01-01T00:00:00.0Z';
const KNOWN = ['Finance', 'Servers-Tier0', 'Kiosk'];

describe('CSV round trip', () => {
  const tricky = [
    person('alice@contoso.com', {
      indicatorType: 'Url',
      indicatorValue: 'http://evil.example.net/a?x=1,2&q="y"',
      title: 'Kit, "phish" variant',
      description: 'line one\r\nline two, with comma\nand "quotes"',
      recommendedActions: '  leading spaces kept',
      rbacGroupNames: ['Finance', 'Servers-Tier0'],
      expirationTime: '2027-01-01T00:00:00.1234567Z',
      severity: 'High',
      generateAlert: true,
      mitreTechniques: ['T1566', 'T1566.001'],
    }),
    app('SOAR-Automation', { indicatorType: 'IpAddress', indicatorValue: '203.0.113.7', action: 'Warn', application: 'Feed, v2', educateUrl: 'https://intranet.example/why', severity: null, generateAlert: null }),
  ];

  it('format → parse gives back every field the format carries, exactly', () => {
    const text = formatIndicatorCsv(tricky, { columns: 'backup' });
    const parsed = parseIndicatorCsv(text);
    expect(parsed.errors).toEqual([]);
    const { valid, errors } = validateIndicatorRows(parsed.rows, { now: NOW, knownGroups: KNOWN });
    expect(errors).toEqual([]);
    expect(valid.map(toSubmitBody)).toEqual([
      {
        indicatorType: 'Url',
        indicatorValue: 'http://evil.example.net/a?x=1,2&q="y"',
        action: 'Block',
        title: 'Kit, "phish" variant',
        description: 'line one\r\nline two, with comma\nand "quotes"',
        recommendedActions: '  leading spaces kept',
        rbacGroupNames: ['Finance', 'Servers-Tier0'],
        expirationTime: '2027-01-01T00:00:00.1234567Z',
        severity: 'High',
        generateAlert: true,
      },
      {
        indicatorType: 'IpAddress',
        indicatorValue: '203.0.113.7',
        action: 'Warn',
        title: 'test',
        description: 'test',
        rbacGroupNames: [],
        application: 'Feed, v2',
        educateUrl: 'https://intranet.example/why',
      },
    ]);
    expect(valid[0]!.mitreTechniques).toEqual(['T1566', 'T1566.001']);
    // Lines: header 1, first record starts on 2 and spans 3 lines (two embedded breaks), second on 5.
    expect(valid.map((r) => r.line)).toEqual([2, 5]);
    // And the text itself is stable: parse → format reproduces it byte for byte.
    expect(formatIndicatorCsvRows(parsed.rows, { columns: 'backup' })).toBe(text);
  });

  it('writes the portal header with several groups in one quoted, comma-separated field', () => {
    const text = formatIndicatorCsv([tricky[0]!]);
    expect(text.split('\r\n')[0]).toBe(HEADER);
    expect(text).toContain(',"Finance,Servers-Tier0",,"T1566,T1566.001",True\r\n');
  });

  it('refuses to write a group name that contains a comma', () => {
    expect(() => formatIndicatorCsv([person('a@b.co', { rbacGroupNames: ['Sales, EMEA'] })])).toThrow(/contains a comma/);
  });

  it('reads a BOM, LF endings, any column order and the old rbacGroupNames header', () => {
    const text = '\uFEFFTitle,Description,Action,IndicatorValue,IndicatorType,rbacGroupNames,GenerateAlert\n"T",D,Audit,203.0.113.8,IpAddress,"Kiosk, Finance",true\n';
    const parsed = parseIndicatorCsv(text);
    const { valid, errors } = validateIndicatorRows(parsed.rows, { now: NOW, knownGroups: KNOWN });
    expect(errors).toEqual([]);
    expect(valid[0]).toMatchObject({ line: 2, indicatorValue: '203.0.113.8', action: 'Audit', rbacGroupNames: ['Kiosk', 'Finance'], generateAlert: true, expirationTime: null });
  });

  it('reports file-level problems with their line', () => {
    expect(parseIndicatorCsv('IndicatorType,IndicatorValue\nUrl,x\n').errors).toEqual([{ line: 1, reason: expect.stringMatching(/header lacks Action, Title, Description/) }]);
    const bad = parseIndicatorCsv(`${HEADER}\nFileSha1,${'a'.repeat(40)},,Block\n`);
    expect(bad.errors).toEqual([{ line: 2, reason: expect.stringMatching(/4 fields, the header has 12/) }]);
    expect(parseIndicatorCsv(`${HEADER}\n"unterminated,x\n`).errors[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/never closed/) });
  });
});

describe('validateIndicatorRows', () => {
  function row(over: Partial<IndicatorCsvRow>): IndicatorCsvRow {
    return {
      line: 2,
      IndicatorType: 'FileSha256',
      IndicatorValue: 'b'.repeat(64),
      ExpirationTime: FUTURE,
      Action: 'Block',
      Severity: 'Medium',
      Title: 'title',
      Description: 'description',
      RecommendedActions: '',
      RbacGroups: '',
      Category: '',
      MitreTechniques: '',
      GenerateAlert: 'False',
      Application: '',
      EducateUrl: '',
      ...over,
    };
  }
  const cases: [string, Partial<IndicatorCsvRow>, string, RegExp][] = [
    ['IPv4 CIDR', { IndicatorType: 'IpAddress', IndicatorValue: '203.0.113.0/24' }, 'IndicatorValue', /CIDR/],
    ['IP range', { IndicatorType: 'IpAddress', IndicatorValue: '203.0.113.1-203.0.113.9' }, 'IndicatorValue', /ranges/],
    ['private IPv4', { IndicatorType: 'IpAddress', IndicatorValue: '10.1.2.3' }, 'IndicatorValue', /private address/],
    ['loopback IPv4', { IndicatorType: 'IpAddress', IndicatorValue: '127.0.0.1' }, 'IndicatorValue', /loopback/],
    ['link-local IPv4', { IndicatorType: 'IpAddress', IndicatorValue: '169.254.10.1' }, 'IndicatorValue', /link-local/],
    ['malformed IPv4', { IndicatorType: 'IpAddress', IndicatorValue: '203.0.113.256' }, 'IndicatorValue', /dotted-quad/],
    ['IPv6 shorthand', { IndicatorType: 'IpAddress', IndicatorValue: '2001:4860:4860::8888' }, 'IndicatorValue', /all 8 segments/],
    ['IPv6 seven segments', { IndicatorType: 'IpAddress', IndicatorValue: '2001:4860:4860:0:0:0:8888' }, 'IndicatorValue', /all 8 segments, got 7/],
    ['IPv6 link-local', { IndicatorType: 'IpAddress', IndicatorValue: 'fe80:0:0:0:1:2:3:4' }, 'IndicatorValue', /link-local/],
    ['IPv6 unique-local', { IndicatorType: 'IpAddress', IndicatorValue: 'fd12:3456:789a:1:0:0:0:1' }, 'IndicatorValue', /unique-local/],
    ['domain with scheme', { IndicatorType: 'DomainName', IndicatorValue: 'https://example.com' }, 'IndicatorValue', /no scheme/],
    ['domain with bad label', { IndicatorType: 'DomainName', IndicatorValue: 'bad_label.example.com' }, 'IndicatorValue', /labels/],
    ['single-label domain', { IndicatorType: 'DomainName', IndicatorValue: 'localhost' }, 'IndicatorValue', /two labels/],
    ['URL without scheme', { IndicatorType: 'Url', IndicatorValue: 'example.com/path' }, 'IndicatorValue', /http:\/\/ or https:\/\//],
    ['URL to a private IP', { IndicatorType: 'Url', IndicatorValue: 'http://192.168.1.1/admin' }, 'IndicatorValue', /private/],
    ['short SHA-256', { IndicatorValue: 'b'.repeat(63) }, 'IndicatorValue', /64 hex characters, got 63/],
    ['non-hex SHA-1', { IndicatorType: 'FileSha1', IndicatorValue: 'z'.repeat(40) }, 'IndicatorValue', /hexadecimal/],
    ['MD5 length', { IndicatorType: 'FileMd5', IndicatorValue: 'c'.repeat(40) }, 'IndicatorValue', /32 hex/],
    ['thumbprint length', { IndicatorType: 'CertificateThumbprint', IndicatorValue: 'c'.repeat(64), Action: 'Allowed' }, 'IndicatorValue', /40 hex/],
    ['unknown type', { IndicatorType: 'Email' }, 'IndicatorType', /unknown IndicatorType/],
    ['BlockAndRemediate on a URL', { IndicatorType: 'Url', IndicatorValue: 'https://example.com/x', Action: 'BlockAndRemediate' }, 'Action', /not allowed for Url/],
    ['Block on a certificate', { IndicatorType: 'CertificateThumbprint', IndicatorValue: 'c'.repeat(40), Action: 'Block' }, 'Action', /not allowed for CertificateThumbprint/],
    ['legacy Alert', { Action: 'Alert' }, 'Action', /legacy action Alert.*Audit/],
    ['legacy AlertAndBlock', { Action: 'AlertAndBlock' }, 'Action', /legacy action AlertAndBlock.*BlockAndRemediate/],
    ['Audit without alert', { Action: 'Audit', GenerateAlert: 'False' }, 'GenerateAlert', /Audit needs GenerateAlert True/],
    ['expiry in the past', { ExpirationTime: '2026-02-01T00:00:00.0Z' }, 'ExpirationTime', /not in the future/],
    ['unparseable expiry', { ExpirationTime: '01/02/2027' }, 'ExpirationTime', /not a UTC time/],
    ['unknown group', { RbacGroups: 'Finance,Marketing' }, 'RbacGroups', /unknown device group "Marketing"/],
    ['missing title', { Title: ' ' }, 'Title', /Title is required/],
    ['missing description', { Description: '' }, 'Description', /Description is required/],
    ['bad severity', { Severity: 'Critical' }, 'Severity', /Severity must be one of/],
    ['bad GenerateAlert', { GenerateAlert: 'yes' }, 'GenerateAlert', /True or False/],
    ['bad MITRE id', { MitreTechniques: 'T1046,Recon' }, 'MitreTechniques', /Recon/],
  ];

  it.each(cases)('rejects %s with its line, field and reason', (_name, over, field, reason) => {
    const rows = [row({ line: 2, IndicatorValue: 'd'.repeat(64) }), row({ line: 7, ...over })];
    const { valid, errors } = validateIndicatorRows(rows, { now: NOW, knownGroups: KNOWN });
    expect(valid.map((r) => r.line)).toEqual([2]);
    expect(errors).toContainEqual({ line: 7, field, reason: expect.stringMatching(reason) });
    expect(errors.every((e) => e.line === 7)).toBe(true);
  });

  it('accepts valid rows of every type, including a full 8-segment public IPv6 address', () => {
    const rows = [
      row({ line: 2, IndicatorType: 'IpAddress', IndicatorValue: '2001:4860:4860:0:0:0:0:8888', Action: 'Warn' }),
      row({ line: 3, IndicatorType: 'DomainName', IndicatorValue: 'evil.example.com', Action: 'Allowed' }),
      row({ line: 4, IndicatorType: 'Url', IndicatorValue: 'https://evil.example.com/block', Action: 'Audit', GenerateAlert: 'true' }),
      row({ line: 5, IndicatorType: 'FileMd5', IndicatorValue: 'c'.repeat(32), Action: 'BlockAndRemediate', RbacGroups: 'finance' }),
      row({ line: 6, IndicatorType: 'CertificateThumbprint', IndicatorValue: 'e'.repeat(40), Action: 'BlockAndRemediate', ExpirationTime: '' }),
    ];
    const { valid, errors } = validateIndicatorRows(rows, { now: NOW, knownGroups: KNOWN });
    expect(errors).toEqual([]);
    expect(valid.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(valid[3]!.rbacGroupNames).toEqual(['Finance']);
    expect(toSubmitBody(valid[4]!)).not.toHaveProperty('expirationTime');
  });

  it('reports a second row for the same type and value with the first line', () => {
    const { errors } = validateIndicatorRows([row({ line: 2 }), row({ line: 3, IndicatorValue: 'B'.repeat(64) })], { now: NOW });
    expect(errors).toEqual([{ line: 3, field: 'IndicatorValue', reason: expect.stringMatching(/same FileSha256 value as line 2/) }]);
  });

  it('skips the group check when no groups are known', () => {
    const { errors } = validateIndicatorRows([row({ RbacGroups: 'Anything' })], { now: NOW });
    expect(errors).toEqual([]);
  });
});

it('writes legacy actions under their current names so a backup can be re-imported', () => {
  const text = formatIndicatorCsv([person('a@contoso.com', { action: 'Alert', generateAlert: false, expirationTime: daysFromNow(10) })]);
  const { valid, errors } = validateIndicatorRows(parseIndicatorCsv(text).rows, { now: NOW });
  expect(errors).toEqual([]);
  expect(valid[0]).toMatchObject({ action: 'Audit', generateAlert: true });
});
