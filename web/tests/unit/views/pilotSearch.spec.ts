import { describe, expect, it } from 'vitest'

import { filtersFromQuery, queryFromFilters, searchFor } from '@/views/Pilots/pilotSearch'

describe('pilot community search (第九条)', () => {
  it('opens on every pilot community, first page', () => {
    const filters = filtersFromQuery({})
    expect(filters).toEqual({ q: '', pilotOnly: true, page: 1, pageSize: 20 })
    expect(searchFor(filters)).toEqual({
      q: '',
      level: 'community',
      pilot: true,
      page: 1,
      page_size: 20,
    })
  })

  it('keeps its state in the address bar, round trip', () => {
    const filters = { q: '多福巷', pilotOnly: false, page: 3, pageSize: 50 }
    const query = queryFromFilters(filters)
    expect(query).toEqual({ q: '多福巷', pilot: '0', page: '3', page_size: '50' })
    expect(filtersFromQuery(query)).toEqual(filters)
    expect(queryFromFilters({ ...filters, pilotOnly: true, q: '' })).toEqual({
      page: '3',
      page_size: '50',
    })
    expect(filtersFromQuery({ q: '  银闸 ', page: 'x', page_size: '-4' })).toEqual({
      q: '银闸',
      pilotOnly: true,
      page: 1,
      pageSize: 20,
    })
  })

  it('asks nothing without a name unless the pilot filter is on', () => {
    expect(searchFor({ q: '', pilotOnly: false, page: 1, pageSize: 20 })).toBeNull()
    expect(searchFor({ q: '社区', pilotOnly: false, page: 2, pageSize: 20 })).toEqual({
      q: '社区',
      level: 'community',
      pilot: undefined,
      page: 2,
      page_size: 20,
    })
  })
})
