import type { RouteRecordRaw } from 'vue-router'

import { MODULE_ACCESS } from './access'

/** Every view is its own chunk: the sign-in page loads none of the others' code. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/Login/Login.vue'),
    meta: { public: true, titleKey: 'login.pageTitle' },
  },
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/Home/Home.vue'),
        meta: { titleKey: 'menu.home', access: MODULE_ACCESS.home },
      },
      {
        path: 'rounds',
        name: 'rounds',
        component: () => import('@/views/Workflow/RoundList.vue'),
        meta: { titleKey: 'menu.rounds', access: MODULE_ACCESS.rounds },
      },
      {
        path: 'rounds/:id',
        name: 'round',
        component: () => import('@/views/Workflow/RoundApplications.vue'),
        meta: { titleKey: 'workflow.round.title', access: MODULE_ACCESS.rounds },
      },
      {
        path: 'applications/:id',
        name: 'application',
        component: () => import('@/views/Workflow/ApplicationDetail.vue'),
        meta: { titleKey: 'workflow.app.title', access: MODULE_ACCESS.rounds },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/views/Account/AccountPage.vue'),
        meta: { titleKey: 'account.title', access: 'all' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/Notifications/NotificationList.vue'),
        meta: { titleKey: 'notifications.title', access: 'all' },
      },
      {
        path: 'certifications',
        name: 'certifications',
        component: () => import('@/views/Certifications/CertificationList.vue'),
        meta: { titleKey: 'menu.certifications', access: MODULE_ACCESS.certifications },
      },
      {
        path: 'annual-report',
        name: 'annual-report',
        component: () => import('@/views/Supervision/MyAnnualReport.vue'),
        meta: { titleKey: 'menu.annualReport', access: MODULE_ACCESS.annualReport },
      },
      {
        path: 'annual-reports',
        name: 'annual-reports',
        component: () => import('@/views/Supervision/AnnualReportList.vue'),
        meta: { titleKey: 'menu.annualReports', access: MODULE_ACCESS.annualReports },
      },
      {
        path: 'rectifications',
        name: 'rectifications',
        component: () => import('@/views/Supervision/Rectifications.vue'),
        meta: { titleKey: 'menu.rectifications', access: MODULE_ACCESS.rectifications },
      },
      {
        path: 'annual-checks',
        name: 'annual-checks',
        component: () => import('@/views/Supervision/AnnualCheck.vue'),
        meta: { titleKey: 'menu.annualChecks', access: MODULE_ACCESS.annualChecks },
      },
      {
        path: 'sanction-policy',
        name: 'sanction-policy',
        component: () => import('@/views/SanctionPolicy/SanctionPolicy.vue'),
        meta: { titleKey: 'menu.sanctionPolicy', access: MODULE_ACCESS.sanctionPolicy },
      },
      {
        path: 'pilots',
        name: 'pilots',
        component: () => import('@/views/Pilots/PilotCommunities.vue'),
        meta: { titleKey: 'menu.pilots', access: MODULE_ACCESS.pilots },
      },
      {
        path: 'stats',
        name: 'stats',
        component: () => import('@/views/Stats/StatsIndex.vue'),
        meta: { titleKey: 'menu.stats', access: MODULE_ACCESS.stats },
      },
      {
        path: 'plans',
        name: 'plans',
        component: () => import('@/views/Plans/PlanBoard.vue'),
        meta: { titleKey: 'menu.plans', access: MODULE_ACCESS.plans },
      },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('@/views/Regions/RegionIndex.vue'),
        meta: { titleKey: 'menu.regions', access: MODULE_ACCESS.regions },
      },
      {
        path: 'regions/:code',
        name: 'region',
        component: () => import('@/views/Regions/RegionDetail.vue'),
        meta: { titleKey: 'regions.detailTitle', access: MODULE_ACCESS.regions },
      },
      {
        path: 'communities/:code',
        name: 'community',
        component: () => import('@/views/Regions/CommunityDetail.vue'),
        meta: { titleKey: 'community.title', access: MODULE_ACCESS.regions },
      },
      {
        path: 'standards',
        name: 'standards',
        component: () => import('@/views/Standards/StandardList.vue'),
        meta: { titleKey: 'menu.standards', access: MODULE_ACCESS.standards },
      },
      {
        path: 'standards/:id',
        name: 'standard',
        component: () => import('@/views/Standards/StandardDetail.vue'),
        meta: { titleKey: 'standards.detailTitle', access: MODULE_ACCESS.standards },
      },
      {
        path: 'standards/:id/revisions',
        name: 'standard-revisions',
        component: () => import('@/views/Standards/revisions/StandardRevisions.vue'),
        meta: { titleKey: 'revisions.title', access: MODULE_ACCESS.standards },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/Users/UserList.vue'),
        meta: { titleKey: 'menu.users', access: MODULE_ACCESS.users },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/Audit/AuditLog.vue'),
        meta: { titleKey: 'menu.audit', access: MODULE_ACCESS.audit },
      },
      {
        path: 'security',
        name: 'security',
        component: () => import('@/views/Security/SecurityPolicy.vue'),
        meta: { titleKey: 'menu.security', access: MODULE_ACCESS.security },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/Error/Forbidden.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/Error/NotFound.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
]
