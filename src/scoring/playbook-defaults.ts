// Built-in words for plays: the steps of plays added after portals saved configs, and an email template per play.
// Kept apart from defaults.ts because the config schema needs them too (as defaults for stored configs).

export const addedPlaySteps = {
  renewal: [
    'Review the value reached against their desired outcome with the sponsor',
    'Confirm who signs and what they need to see before the renewal date',
    'Send the renewal proposal and agree the signing date',
  ],
  review_fit: [
    'Check which bad-fit rule matched and whether it still holds for what they do today',
    'Ask the sponsor what they use the product for and what they would miss',
    'Update the fit rules or the company record if this customer proves them wrong',
  ],
};

type Template = { subject: string; body: string };

export const defaultPlayTemplates: Record<string, Template> = {
  off_board: {
    subject: 'Planning the next step together',
    body: 'Hi {{contact}},\n\nAhead of your renewal I would like to talk openly about whether we are still the right fit for {{company}}, and how to make any change easy for your team.\n\nWould 20 minutes this week work?',
  },
  re_engage: {
    subject: 'Checking in on your goals for {{company}}',
    body: 'Hi {{contact}},\n\nIt has been a while since we last spoke. I would like to hear where your team is with its goals and whether anything is in the way.\n\nCould we find 20 minutes in the next two weeks?',
  },
  rescue: {
    subject: 'A plan to get {{company}} back on track',
    body: 'Hi {{contact}},\n\nI have seen the issues your team ran into recently and want to fix them with you. I would like to agree a short recovery plan with dates.\n\nCan we meet this week?',
  },
  drive_adoption: {
    subject: 'Next step: {{milestone}}',
    body: 'Hi {{contact}},\n\nYour team is close to the next milestone, {{milestone}}. I would like to set up a short session to get the remaining users going.\n\nWhich day suits you?',
  },
  expansion_conversation: {
    subject: 'Room to grow at {{company}}',
    body: 'Hi {{contact}},\n\nYour team is using nearly every seat. I would like to share what you have reached so far and explore whether more teams or a higher plan would help.\n\nOpen to a short call?',
  },
  advocacy_ask: {
    subject: 'Thank you, and a small ask',
    body: 'Hi {{contact}},\n\nThank you for the results your team has reached with us. Would you be open to sharing your experience with others?',
  },
  monitor: {
    subject: 'Quick check-in',
    body: 'Hi {{contact}},\n\nJust checking in: is there anything we can help {{company}} with this month?',
  },
  renewal: {
    subject: 'Your renewal on {{renewalDate}}',
    body: 'Hi {{contact}},\n\nYour renewal is coming up on {{renewalDate}}. Before then I would like to review what {{company}} has reached with us and what you need for the year ahead.\n\nCould we meet in the next two weeks?',
  },
  review_fit: {
    subject: 'How {{company}} uses the product today',
    body: 'Hi {{contact}},\n\nYour team is doing well with us. I would love to learn more about how you use the product today, so we can support you better.\n\nWould you have 20 minutes?',
  },
};
