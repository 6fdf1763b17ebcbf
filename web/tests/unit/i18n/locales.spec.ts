import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import en from '@/i18n/locales/en'
import zhCN from '@/i18n/locales/zh-CN'

type Messages = { [key: string]: string | Messages }

function leafKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Vitest runs with the web/ folder as its root. */
const SRC = resolve(process.cwd(), 'src')
const zhKeys = new Set(leafKeys(zhCN))
const enKeys = new Set(leafKeys(en))
const NAMESPACES = Object.keys(zhCN).join('|')
/** Every quoted literal that looks like a message key ('menu.home', `roles.${role}` prefixes…). */
const KEY_LITERAL = new RegExp(
  `['\`]((?:${NAMESPACES})\\.[A-Za-z0-9_.]+?)(\\.\\$\\{[^}]+\\})?['\`]`,
  'g',
)

describe('locales', () => {
  it('zh-CN and en have the same keys', () => {
    expect([...enKeys].sort()).toEqual([...zhKeys].sort())
  })

  it('no message is empty and none uses the plural separator by accident', () => {
    for (const messages of [zhCN, en]) {
      for (const key of leafKeys(messages)) {
        const value = key
          .split('.')
          .reduce<string | Messages>((node, part) => (node as Messages)[part]!, messages)
        expect(typeof value, key).toBe('string')
        const text = typeof value === 'string' ? value : ''
        expect(text.trim().length > 0, key).toBe(true)
        expect(text.includes('|'), key).toBe(false)
      }
    }
  })

  it('every key the source names exists', () => {
    const missing: string[] = []
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(KEY_LITERAL)) {
        const key = match[1]!
        const dynamic = Boolean(match[2])
        const found = dynamic
          ? [...zhKeys].some((known) => known.startsWith(`${key}.`))
          : zhKeys.has(key) || [...zhKeys].some((known) => known.startsWith(`${key}.`))
        if (!found) missing.push(`${file.slice(SRC.length + 1)}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('names every role in both languages', () => {
    expect(Object.keys(zhCN.roles)).toHaveLength(12)
    expect(zhCN.roles.audit_admin).toBe('安全审计员')
    expect(zhCN.roles.district_it).toBe('区信息化主管部门')
  })
})
